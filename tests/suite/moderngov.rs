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
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &routes);
        }
    });
    site
}

/// Answers one HTTP/1.1 request, then closes the connection.
fn answer(mut stream: TcpStream, routes: &[(&str, &str)]) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|read| read > 0) && line.trim_end() != "" {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or_default();
    let (status, kind, body) = match routes.iter().find(|(path, _)| *path == target) {
        Some((_, file)) => {
            let kind = if file.ends_with(".html") { "text/html" } else { "text/xml" };
            ("200 OK", kind, std::fs::read(common::fixture("moderngov").join(file)).unwrap())
        }
        None => ("404 Not Found", "text/plain", b"The resource cannot be found.".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
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
    assert_eq!(imported, Imported { meetings: 2, added: 3, kept: 2, written: true });
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
    assert_eq!(again, Imported { meetings: 2, added: 0, kept: 5, written: false });
    assert_eq!(std::fs::read(meeting_file(folder.path())).unwrap(), once);
}

#[test]
fn writes_nothing_when_the_period_has_no_meetings() {
    let site = serve(vec![(COMMITTEES, "committees.xml"), (MEETINGS, "meetings-empty.xml")]);
    let folder = meeting_folder();
    let before = std::fs::read(meeting_file(folder.path())).unwrap();
    let imported = import(&request(&site, "Cabinet", folder.path())).unwrap();
    assert_eq!(imported, Imported { meetings: 0, added: 0, kept: 0, written: false });
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
