//! The budget uploaded documents are read within: a few at a time, off the async workers.
//!
//! Reading an upload (unzipping, building its XML tree, finding clauses, drawing a sample
//! quiz) is CPU and memory work that nothing can stop once it has started: the request's
//! timeout answers the client but leaves the work running. The formats' limits bound
//! each read (see `attest_domain::formats::limits`); this bounds how many run at once,
//! so that hostile files uploaded together cannot take every core and all the memory.
//! An upload waits a little for its turn, then is turned away with 429.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// How long an upload waits for a turn before it is turned away (well inside the
/// request's 30 s timeout).
const WAIT: Duration = Duration::from_secs(10);

/// How many uploads may be read at once, and how long one waits for its turn.
#[derive(Debug, Clone)]
pub struct ParseBudget {
    turns: Arc<Semaphore>,
    wait: Duration,
}

impl Default for ParseBudget {
    /// Half the cores (at least one), so that reading uploads never takes the whole machine.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        ParseBudget::new((cores / 2).max(1), WAIT)
    }
}

impl ParseBudget {
    /// At most `at_once` reads at a time; the next waits up to `wait`.
    pub fn new(at_once: usize, wait: Duration) -> ParseBudget {
        ParseBudget {
            turns: Arc::new(Semaphore::new(at_once.max(1))),
            wait,
        }
    }

    /// Runs `read` on the blocking pool when a turn is free, or refuses with 429. The turn
    /// is held by the read itself, so it is given back when the work ends, not when the
    /// request that asked for it has gone.
    pub async fn run<T: Send + 'static>(
        &self,
        read: impl FnOnce() -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let turn = tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| {
                AppError::TooManyRequests(
                    "the server is busy reading other uploads; try again in a minute".into(),
                )
            })?
            .map_err(|_| AppError::Internal("the upload budget was closed".into()))?;
        tokio::task::spawn_blocking(move || {
            let _turn = turn;
            read()
        })
        .await
        .map_err(|e| AppError::Internal(format!("reading an upload failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A read that holds its turn until told to finish.
    fn held(
        budget: &ParseBudget,
    ) -> (
        tokio::task::JoinHandle<AppResult<()>>,
        std::sync::mpsc::Sender<()>,
    ) {
        let (finish, finished) = std::sync::mpsc::channel::<()>();
        let budget = budget.clone();
        let task = tokio::spawn(async move {
            budget
                .run(move || {
                    let _ = finished.recv();
                    Ok(())
                })
                .await
        });
        (task, finish)
    }

    /// Waits until every turn is taken.
    async fn all_taken(budget: &ParseBudget) {
        while budget.turns.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn a_read_beyond_the_budget_waits_then_is_turned_away() {
        let budget = ParseBudget::new(1, Duration::from_millis(50));
        let (first, finish) = held(&budget);
        all_taken(&budget).await;

        let second = budget.run(|| Ok(())).await;

        assert!(
            matches!(second, Err(AppError::TooManyRequests(_))),
            "{second:?}"
        );
        finish.send(()).unwrap();
        first.await.unwrap().unwrap();
        budget.run(|| Ok(())).await.unwrap();
    }

    #[tokio::test]
    async fn a_read_keeps_its_turn_after_its_request_has_gone() {
        let budget = ParseBudget::new(1, Duration::from_millis(50));
        let (first, finish) = held(&budget);
        all_taken(&budget).await;

        // The request times out and is dropped; the read goes on.
        first.abort();
        let _ = first.await;

        assert!(budget.run(|| Ok(())).await.is_err());
        finish.send(()).unwrap();
        let again = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                if budget.run(|| Ok(())).await.is_ok() {
                    return;
                }
            }
        });
        again.await.unwrap();
    }
}
