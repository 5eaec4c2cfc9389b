//! Runs a batch's jobs on all cores.
//!
//! The jobs run on plain threads rather than in a rayon pool on purpose.
//! Typst lays out pages with rayon itself, and a rayon thread that waits for
//! that inner work picks up other queued jobs meanwhile: whole reports then
//! nest inside each other's layout, each holding its half-made pages, and
//! memory grows with the size of the batch. From a plain thread, Typst's work
//! goes to rayon's pool and the thread simply waits for it.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads [`map`] runs jobs on: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Applies `work` to every job, on as many threads as the machine has cores,
/// taking jobs in the order given. Returns the results in that order.
pub fn map<T: Sync, R: Send>(jobs: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads().min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    let result = work(job);
                    *results[index].lock().unwrap_or_else(|poison| poison.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|poison| poison.into_inner())
                .expect("every job ran: a panic in one would have ended the scope")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..1000).collect();
        let squares = map(&jobs, |n| {
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, jobs.iter().map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn no_jobs_give_no_results() {
        let none: Vec<u8> = Vec::new();
        assert!(map(&none, |_| 1).is_empty());
    }
}
