//! `exec-report import moderngov`, against a web service in the shape of
//! ModernGov's, served on 127.0.0.1 by the test itself.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use exec_report::cycle::moderngov::{Imported, Request, import};
use exec_report::input::InputErrors;

use crate::common;

const COMMITTEES: &str = "/mgWebService.asmx/GetCommittees";
/// The example meeting's period: from its `previous_report` to the meeting.
const MEETINGS: &str =
    "/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=22%2F03%2F2016&sToDate=19%2F07%2F2016";

/// The web service of the example council: each address and its fixture.
fn service() -> Vec<(&'static str, &'static str)> {
    vec![
        (COMMITTEES, "committees.xml"),
        (MEETINGS, "meetings.xml"),
        ("/mgWebService.asmx/GetMeeting?lMeetingId=5101", "meeting-5101.xml"),
        ("/mgWebService.asmx/GetMeeting?lMeetingId=5102", "meeting-5102.xml"),
    ]
}

/// Serves `routes` (an address's path and query, and the fixture under
/// `tests/fixtures/moderngov/` it answers with) on 127.0.0.1 until the
/// tests end; any other address is not found. Returns the site's address.
fn serve(routes: Vec<(&'static str, &'static str)>) -> String {
    let answers = routes
        .into_iter()
        .map(|(path, file)| {
            (path.to_owned(), std::fs::read(common::fixture("moderngov").join(file)).unwrap())
        })
        .collect();
    serve_answers(answers)
}

/// Serves each address's answer, given whole, as [`serve`] does.
fn serve_answers(answers: Vec<(String, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &answers);
        }
    });
    site
}

/// Answers one HTTP/1.1 request, then closes the connection.
fn answer(mut stream: TcpStream, answers: &[(String, Vec<u8>)]) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|read| read > 0) && line.trim_end() != "" {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or_default();
    let (status, kind, body) = match answers.iter().find(|(path, _)| path == target) {
        Some((_, body)) => {
            let kind = if body.starts_with(b"<!DOCTYPE html") { "text/html" } else { "text/xml" };
            ("200 OK", kind, body.as_slice())
        }
        None => ("404 Not Found", "text/plain", b"The resource cannot be found.".as_slice()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body));
}

/// A copy of the example meeting's folder, to import into.
fn meeting_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    folder
}

fn request(url: &str, committee: &str, into: &Path) -> Request {
    Request {
        url: url.to_owned(),
        committee: committee.to_owned(),
        into: into.to_owned(),
        timeout: Duration::from_secs(10),
    }
}

fn meeting_file(folder: &Path) -> PathBuf {
    folder.join("meeting.yaml")
}

/// The error of an import that must fail, with the file left as it was.
fn fails(request: &Request) -> String {
    let before = std::fs::read(meeting_file(&request.into)).unwrap();
    let error = import(request).expect_err("the import fails");
    assert_eq!(std::fs::read(meeting_file(&request.into)).unwrap(), before, "the file was changed");
    error.to_string()
}

#[test]
fn imports_the_cabinets_decisions_keeping_what_the_officer_wrote() {
    let site = serve(service());
    let folder = meeting_folder();
    let imported = import(&request(&site, " cabinet ", folder.path())).unwrap();
    assert_eq!(imported, Imported { meetings: 2, added: 3, kept: 2, written: true, warnings: Vec::new() });
    let text = std::fs::read_to_string(meeting_file(folder.path())).unwrap();
    insta::assert_snapshot!(text);
}

#[test]
fn changes_nothing_when_imported_again() {
    let site = serve(service());
    let folder = meeting_folder();
    import(&request(&site, "Cabinet", folder.path())).unwrap();
    let once = std::fs::read(meeting_file(folder.path())).unwrap();
    let again = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(again, Imported { meetings: 2, added: 0, kept: 5, written: false, warnings: Vec::new() });
    assert_eq!(std::fs::read(meeting_file(folder.path())).unwrap(), once);
}

#[test]
fn writes_nothing_when_the_period_has_no_meetings() {
    let site = serve(vec![(COMMITTEES, "committees.xml"), (MEETINGS, "meetings-empty.xml")]);
    let folder = meeting_folder();
    let before = std::fs::read(meeting_file(folder.path())).unwrap();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(imported, Imported { meetings: 0, added: 0, kept: 0, written: false, warnings: Vec::new() });
    assert_eq!(std::fs::read(meeting_file(folder.path())).unwrap(), before);
}

#[test]
fn errors_when_the_committee_is_not_found_listing_those_there_are() {
    let site = serve(service());
    let folder = meeting_folder();
    let message = fails(&request(&site, "Executive", folder.path()));
    assert_eq!(
        message,
        format!(
            "`{site}` has no committee called `Executive`\n  = hint: its committees are \
             `Adult Care and Health Cabinet Panel`, `Audit Committee`, `Cabinet`, \
             `Children's Services Cabinet Panel`, `County Council`"
        )
    );
}

#[test]
fn errors_when_the_server_cannot_be_reached() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let folder = meeting_folder();
    let message = fails(&request(&format!("http://127.0.0.1:{port}"), "Cabinet", folder.path()));
    assert_eq!(
        message,
        format!(
            "cannot reach `http://127.0.0.1:{port}{COMMITTEES}`: the connection was refused\n  \
             = hint: check the address given to `--url`, and that this computer is online"
        )
    );
}

#[test]
fn errors_when_the_server_does_not_answer_in_time() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    // Takes each connection and holds it open, answering nothing.
    std::thread::spawn(move || listener.incoming().flatten().collect::<Vec<_>>());
    let folder = meeting_folder();
    let slow = Request { timeout: Duration::from_secs(1), ..request(&site, "Cabinet", folder.path()) };
    let message = fails(&slow);
    assert_eq!(
        message,
        format!(
            "`{site}{COMMITTEES}` did not answer within 1 second\n  = hint: the service may be busy: try again later"
        )
    );
}

#[test]
fn errors_when_the_server_answers_with_an_html_page() {
    let site = serve(vec![(COMMITTEES, "error.html")]);
    let folder = meeting_folder();
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(
        message.starts_with(&format!(
            "`{site}{COMMITTEES}` answered with something other than the web service's XML\n  = hint: give `--url` \
             the address of the council's ModernGov site"
        )),
        "{message}"
    );
}

#[test]
fn errors_when_the_address_is_not_a_moderngov_site() {
    let site = serve(Vec::new());
    let folder = meeting_folder();
    let message = fails(&request(&format!("{site}/"), "Cabinet", folder.path()));
    assert!(
        message.starts_with(&format!("`{site}{COMMITTEES}` answered with HTTP status 404 Not Found\n")),
        "{message}"
    );
}

#[test]
fn errors_at_its_line_when_meeting_yaml_does_not_read() {
    let folder = meeting_folder();
    let file = meeting_file(folder.path());
    let text = std::fs::read_to_string(&file).unwrap().replace("  date: 2016-03-22", "  date: 2016-03-32");
    std::fs::write(&file, text).unwrap();
    // No server: the file is read before the service is asked.
    let error = import(&request("http://127.0.0.1:9", "Cabinet", folder.path())).unwrap_err();
    let problems = error.downcast_ref::<InputErrors>().expect("a problem in the input");
    assert_eq!(problems.0[0].path, file);
    assert_eq!(problems.0[0].position.map(|(line, _)| line), Some(15));
}

#[test]
fn errors_when_no_secure_connection_can_be_made() {
    // A server that answers in plain HTTP before the TLS handshake: the TLS
    // stack, built in, says why, with no set-up on this computer.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("https://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        }
    });
    let folder = meeting_folder();
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(
        message
            .starts_with(&format!("cannot reach `{site}{COMMITTEES}`: no secure connection could be made (")),
        "{message}"
    );
}

/// A service whose Cabinet met on each of `meetings` in the example's
/// period: its id, its date as the service writes it, and its agenda
/// items' XML, bytes as sent.
fn service_of(meetings: Vec<(u32, &str, Vec<u8>)>) -> String {
    let committees = std::fs::read(common::fixture("moderngov").join("committees.xml")).unwrap();
    let listed: String = meetings
        .iter()
        .map(|(id, date, _)| {
            format!("<meeting><meetingid>{id}</meetingid><meetingdate>{date}</meetingdate></meeting>")
        })
        .collect();
    let mut answers = vec![
        (COMMITTEES.to_owned(), committees),
        (MEETINGS.to_owned(), format!("<getmeetings>{listed}</getmeetings>").into_bytes()),
    ];
    for (id, _, agenda) in meetings {
        let mut body = b"<meeting><agendaitems>".to_vec();
        body.extend(agenda);
        body.extend(b"</agendaitems></meeting>");
        answers.push((format!("/mgWebService.asmx/GetMeeting?lMeetingId={id}"), body));
    }
    serve_answers(answers)
}

/// An agenda item that is a decision, with its papers at `url` if given.
fn decision(title: &str, url: Option<&str>) -> String {
    let papers = url
        .map(|url| format!("<linkeddocuments><linkeddoc><title>Decision</title><url>{url}</url></linkeddoc></linkeddocuments>"))
        .unwrap_or_default();
    format!(
        "<agendaitem><agendaitemtitle>{title}</agendaitemtitle><isdecision>True</isdecision>{papers}</agendaitem>"
    )
}

fn read(folder: &Path) -> String {
    std::fs::read_to_string(meeting_file(folder)).unwrap()
}

#[test]
fn keeps_every_comment_inside_and_around_cabinet_meetings_at_any_column() {
    let site = serve(service());
    let folder = meeting_folder();
    let text = read(folder.path())
        .replace("cabinet_meetings:\n", "cabinet_meetings: # from the minutes\n# The Cabinet's meetings.\n")
        .replace("        title: Home care framework\n", "        title: Home care framework # agreed in June\n")
        .replace(
            "      - portfolio: Adult Care and Health\n        title: Better Care Fund plan 2016/17\n",
            "#      - portfolio: Adult Care and Health\n#        title: Withdrawn\n      - portfolio: Adult Care and Health\n        title: Better Care Fund plan 2016/17\n",
        )
        .replace("  - date: 2016-07-11\n", "  # July:\n  - date: 2016-07-11\n# The end of the meetings.\n");
    std::fs::write(meeting_file(folder.path()), &text).unwrap();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!((imported.added, imported.kept, imported.written), (3, 2, true));
    let after = read(folder.path());
    let comments: Vec<&str> = text.lines().filter(|line| line.contains('#')).collect();
    assert!(comments.len() >= 7);
    for comment in comments {
        assert!(after.lines().any(|line| line == comment), "`{comment}` was lost:\n{after}");
    }
    assert!(after.contains(
        "        title: Home care framework # agreed in June\n        summary: Cabinet agreed to go to tender for a new framework from April 2017.\n        link: https://democracy.example.gov.uk/documents/s31003/Decision%20notice%20-%20Home%20care.pdf\n#      - portfolio: Adult Care and Health\n#        title: Withdrawn\n"
    ), "{after}");
    assert!(after.contains("\n  - date: 2016-07-04\n    items:\n"), "{after}");
    exec_report::input::parse::<exec_report::kinds::executive::model::Meeting>(
        &meeting_file(folder.path()),
        &after,
    )
    .unwrap();
}

#[test]
fn leaves_out_what_a_report_cannot_hold_and_says_which_item() {
    // ModernGov escapes its text twice: `&amp;#x1b;` is an escape character.
    let agenda = [
        decision("Budget&amp;#x1b;]0;owned&amp;#x7; 2016/17", None),
        decision("Fund&amp;#xFFFE; plan\u{202e}", None),
        decision("Plain", None),
    ]
    .concat();
    let site = service_of(vec![(7001, "20/06/2016", agenda.into_bytes())]);
    let folder = meeting_folder();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(imported.added, 3);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert_eq!(
        imported.warnings[0],
        "the title `Budget]0;owned 2016/17` of an item of the Cabinet meeting of 2016-06-20 held characters a report cannot hold (U+001B, U+0007): they were left out"
    );
    assert!(imported.warnings[1].contains("(U+FFFE, U+202E)"), "{}", imported.warnings[1]);
    let text = read(folder.path());
    assert!(
        text.contains("title: Budget]0;owned 2016/17\n") && text.contains("title: Fund plan\n"),
        "{text}"
    );
}

#[test]
fn says_which_answer_was_not_utf8() {
    let agenda = [
        decision("Libraries", None).into_bytes(),
        b"<agendaitem><agendaitemtitle>Caf\xe9</agendaitemtitle><isdecision>True</isdecision></agendaitem>"
            .to_vec(),
    ]
    .concat();
    let site = service_of(vec![(7002, "20/06/2016", agenda)]);
    let folder = meeting_folder();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].starts_with(&format!(
            "`{site}/mgWebService.asmx/GetMeeting?lMeetingId=7002` answered with text that is not UTF-8 (a bad byte at offset "
        )),
        "{}",
        imported.warnings[0]
    );
    assert!(read(folder.path()).contains("title: Caf\u{fffd}\n"));
}

#[test]
fn leaves_out_document_links_that_are_not_web_addresses() {
    let agenda = [
        decision("Scripted", Some("javascript:alert(document.cookie)")),
        decision("On the disk", Some("file:///etc/passwd")),
        decision("On the network", Some("\\\\fileserver\\share\\decision.pdf")),
        decision("Published", Some("/documents/s9/Decision.pdf")),
    ]
    .concat();
    let site = service_of(vec![(7003, "20/06/2016", agenda.into_bytes())]);
    let folder = meeting_folder();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(
        imported.warnings,
        [
            "left out the link `javascript:alert(document.cookie)` of `Scripted` (the Cabinet meeting of 2016-06-20): a link to `javascript:` is not allowed",
            "left out the link `file:///etc/passwd` of `On the disk` (the Cabinet meeting of 2016-06-20): a link to `file:` is not allowed",
            "left out the link `\\\\fileserver\\share\\decision.pdf` of `On the network` (the Cabinet meeting of 2016-06-20): a link to a network path is not allowed",
        ]
    );
    let text = read(folder.path());
    assert_eq!(text.matches("link: ").count(), 4, "{text}");
    assert!(text.contains(&format!("link: {site}/documents/s9/Decision.pdf\n")), "{text}");
    assert!(
        !text.contains("javascript") && !text.contains("passwd") && !text.contains("fileserver"),
        "{text}"
    );
}

#[test]
fn clips_every_value_from_the_server_it_tells() {
    let year = "2".repeat(5_000);
    let listed = format!(
        "<getmeetings><meeting><meetingid>1</meetingid><meetingdate>01/01/{year}</meetingdate></meeting></getmeetings>"
    );
    let committees = std::fs::read(common::fixture("moderngov").join("committees.xml")).unwrap();
    let site =
        serve_answers(vec![(COMMITTEES.to_owned(), committees), (MEETINGS.to_owned(), listed.into_bytes())]);
    let folder = meeting_folder();
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(message.contains("as a meeting's date, which is not a date"), "{message}");
    assert!(message.contains("… (4926 more characters)`"), "{message}");
    assert!(message.len() < 400, "{} characters", message.len());

    let long = "x".repeat(5_000);
    let committees = format!(
        "<committees><committee><committeeid>1</committeeid><committeetitle>&amp;#x1b;[2J{long}</committeetitle></committee></committees>"
    );
    let site = serve_answers(vec![(COMMITTEES.to_owned(), committees.into_bytes())]);
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(message.contains("(4924 more characters)`"), "{message}");
    assert!(message.len() < 400, "{} characters", message.len());
}

#[test]
fn refuses_business_that_would_make_the_file_more_than_check_reads() {
    let long = "a title of some length ".repeat(13);
    let agenda: String = (0..5_000).map(|n| decision(&format!("{long}{n}"), None)).collect();
    let meetings: Vec<(u32, &str, Vec<u8>)> = ["04/04/2016", "11/04/2016"]
        .iter()
        .enumerate()
        .map(|(n, date)| (8000 + n as u32, *date, agenda.clone().into_bytes()))
        .collect();
    let site = service_of(meetings);
    let folder = meeting_folder();
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(message.starts_with("the business read would make `"), "{message}");
    assert!(
        message.contains("MB, more than the 4 MB a YAML file may hold: it was left as it was"),
        "{message}"
    );

    let too_many: String = (0..5_001).map(|n| decision(&format!("D{n}"), None)).collect();
    let site = service_of(vec![(8100, "04/04/2016", too_many.into_bytes())]);
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(
        message.ends_with(
            "gives 5001 agenda items for the meeting of 2016-04-04, more than the 5000 a meeting is read with"
        ),
        "{message}"
    );

    let huge = vec![b' '; 17 * 1024 * 1024];
    let site = serve_answers(vec![(COMMITTEES.to_owned(), huge)]);
    let message = fails(&request(&site, "Cabinet", folder.path()));
    assert!(message.contains(": its answer is over 16 MB"), "{message}");
}

#[test]
fn merges_twenty_five_thousand_decisions_and_finds_them_all_again() {
    let meetings: Vec<(u32, &str, Vec<u8>)> = [
        "01/04/2016",
        "08/04/2016",
        "15/04/2016",
        "22/04/2016",
        "29/04/2016",
        "06/05/2016",
        "13/05/2016",
        "20/05/2016",
        "27/05/2016",
        "03/06/2016",
    ]
    .iter()
    .enumerate()
    .map(|(m, date)| {
        let agenda: String = (0..2_500).map(|n| decision(&format!("D{m}.{n}"), None)).collect();
        (9000 + m as u32, *date, agenda.into_bytes())
    })
    .collect();
    let site = service_of(meetings);
    let folder = meeting_folder();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!((imported.meetings, imported.added, imported.kept, imported.written), (10, 25_000, 0, true));
    let once = read(folder.path());
    let again = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!((again.added, again.kept, again.written), (0, 25_000, false));
    assert_eq!(read(folder.path()), once);
}

#[cfg(unix)]
#[test]
fn keeps_a_private_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let site = serve(service());
    let folder = meeting_folder();
    let file = meeting_file(folder.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(import(&request(&site, "Cabinet", folder.path())).unwrap().written);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn errors_at_the_line_of_a_list_it_cannot_add_to() {
    let site = serve(service());
    let folder = meeting_folder();
    let text = read(folder.path()).replace(
        "  - date: 2016-07-11\n",
        "  - { date: 2016-07-11 }\n",
    ).replace(
        "  - date: 2016-06-20\n    items:\n      - portfolio: Adult Care and Health\n        title: Home care framework\n        summary: Cabinet agreed to go to tender for a new framework from April 2017.\n      - portfolio: Adult Care and Health\n        title: Better Care Fund plan 2016/17\n",
        "  - date: 2016-06-20\n    items: [{ portfolio: Adult Care and Health, title: Home care framework }]\n",
    );
    std::fs::write(meeting_file(folder.path()), &text).unwrap();
    let before = std::fs::read(meeting_file(folder.path())).unwrap();
    let error = import(&request(&site, "Cabinet", folder.path())).unwrap_err();
    let problems = error.downcast_ref::<InputErrors>().expect("a problem at a line of the file");
    assert_eq!(
        problems.0[0].message,
        "the import cannot add items to the Cabinet meeting of 2016-06-20 as it is written"
    );
    let line = text.lines().position(|line| line.contains("items: [{")).unwrap() + 1;
    assert_eq!(problems.0[0].position.map(|(at, _)| at), Some(line));
    assert_eq!(std::fs::read(meeting_file(folder.path())).unwrap(), before);
}

#[test]
fn prints_what_it_left_out_clipped_and_without_the_servers_escapes() {
    let agenda = [
        decision("Budget&amp;#x1b;[31m 2016/17", Some("javascript:alert(1)&amp;#x1b;[2J")),
        decision(&format!("Roads {}", "r".repeat(900)), None),
    ]
    .concat();
    let site = service_of(vec![(7004, "20/06/2016", agenda.into_bytes())]);
    let folder = meeting_folder();
    let output = assert_cmd::Command::cargo_bin("exec-report")
        .unwrap()
        .args(["import", "moderngov", "--url", &site, "--committee", "Cabinet", "--into"])
        .arg(folder.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("warning: the title `Budget[31m 2016/17`"), "{stderr}");
    assert!(
        stderr.contains("warning: left out the link `javascript:alert(1)\\u{1b}[2J` of `Budget[31m 2016/17` (the Cabinet meeting of 2016-06-20): it holds control characters"),
        "{stderr}"
    );
    assert!(String::from_utf8(output.stdout).unwrap().contains("2 items added"));
    assert!(read(folder.path()).contains(&format!("title: Roads {}\n", "r".repeat(900))));
}
