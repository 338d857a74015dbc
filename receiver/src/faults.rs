//! Fault injection for browser tests (off unless `--fault-admin` or
//! `--fault-rate` turns it on).
//!
//! Faults apply to `POST /submissions` only. Queued faults (from
//! `POST /_faults`) are used first, one per request, in order; when the queue
//! is empty and `--fault-rate` is above 0, a fault is drawn at random for that
//! share of requests from a generator seeded with `--fault-seed`, so a soak
//! run can be repeated exactly.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longest hang a queued fault may ask for.
pub const MAX_HANG_MS: u64 = 120_000;
/// Most faults that may wait in the queue.
pub const MAX_QUEUED: usize = 1000;
/// How many injected faults `GET /_faults` remembers (oldest dropped first).
pub const MAX_LOG: usize = 10_000;

/// One fault. Fields combine: `hang_ms` waits first; then, unless a
/// `status` without `store` or a `drop` without `store` says otherwise, the
/// request is processed normally (validated and stored); then `drop` closes
/// the connection, or `status` replaces the answer, `retry_after` adds a
/// `Retry-After` header and `cors: false` leaves out
/// `Access-Control-Allow-Origin`. `{}` lets one request through untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Answer with this status (400-599) instead of the real answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Process and store the submission before answering with `status` or
    /// dropping the connection.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub store: bool,
    /// `Retry-After` header, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
    /// Wait this long before doing anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hang_ms: Option<u64>,
    /// The `error` text of the JSON answer sent with `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `false`: answer without `Access-Control-Allow-Origin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cors: Option<bool>,
    /// Close the connection without any response.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// End the whole receiver process (abort) in the middle of storing the
    /// submission: after its row and first file are written, before the
    /// transaction commits. For crash tests, which then restart it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub crash_mid_store: bool,
}

impl Fault {
    /// Checks one fault; the error names the problem.
    pub fn check(&self) -> Result<(), String> {
        if let Some(s) = self.status {
            if !(400..=599).contains(&s) {
                return Err(format!("status {s} must be from 400 to 599"));
            }
        }
        if self.hang_ms.is_some_and(|ms| ms > MAX_HANG_MS) {
            return Err(format!("hang_ms must be at most {MAX_HANG_MS}"));
        }
        if self.drop && (self.status.is_some() || self.message.is_some()) {
            return Err("drop sends no response, so it cannot have a status or message".into());
        }
        if self.message.is_some() && self.status.is_none() {
            return Err("message needs a status".into());
        }
        let answers = self.status.is_some() || self.store || self.drop || self.cors.is_some();
        if self.crash_mid_store && (answers || self.retry_after.is_some()) {
            return Err(
                "crash_mid_store ends the receiver before any answer, so only hang_ms goes with it"
                    .into(),
            );
        }
        Ok(())
    }

    /// Whether the submission is processed (validated, stored) at all.
    pub fn processes(&self) -> bool {
        self.store || (self.status.is_none() && !self.drop)
    }
}

/// Where an injected fault came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Queue,
    Random,
}

/// What happened to a request's submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// Stored as a new row.
    Created,
    /// Already stored; the original receipt was used.
    Replayed,
    /// Refused by the receiver itself (4xx/5xx before storing).
    Rejected,
    /// Not looked at: the fault answered without processing.
    Skipped,
}

/// One entry of `GET /_faults` `injected`.
#[derive(Debug, Clone, Serialize)]
pub struct Injected {
    /// 1-based number of the `POST /submissions` request it hit.
    pub request: u64,
    pub source: Source,
    pub fault: Fault,
    /// The body's `id`, when the submission was processed.
    pub id: Option<String>,
    pub handling: Handling,
}

/// Counters for `GET /_faults`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// `POST /submissions` requests seen.
    pub posts: u64,
    /// Of those, how many had a fault injected (`{}` not counted).
    pub faulted: u64,
    /// Submissions stored as new rows.
    pub created: u64,
    /// Submissions answered from an earlier row.
    pub replayed: u64,
    /// Submissions the receiver refused (validation, headers, size).
    pub rejected: u64,
    /// CORS preflights (OPTIONS) answered, on any path.
    pub preflights: u64,
}

/// `GET /_faults` body.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub queued: Vec<Fault>,
    pub injected: Vec<Injected>,
    pub counts: Counts,
    pub random: RandomReport,
}

#[derive(Debug, Clone, Serialize)]
pub struct RandomReport {
    pub rate: f64,
    pub seed: u64,
}

/// SplitMix64: a tiny, well-known generator; plenty for picking faults
/// reproducibly and it keeps the receiver free of an RNG dependency whose
/// output could change between versions.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The faults drawn by random mode. A plain 400 is left out on purpose: it
/// is a permanent refusal, so the widget rightly gives up, and a soak test
/// could not then expect "nothing lost".
pub fn random_fault(rng_word: u64, extra: u64) -> Fault {
    match rng_word % 7 {
        0 => Fault {
            status: Some(500),
            ..Fault::default()
        },
        1 => Fault {
            status: Some(503),
            store: true,
            ..Fault::default()
        },
        2 => Fault {
            status: Some(429),
            retry_after: Some(1),
            ..Fault::default()
        },
        3 => Fault {
            hang_ms: Some(50 + extra % 450),
            ..Fault::default()
        },
        4 => Fault {
            hang_ms: Some(50 + extra % 450),
            status: Some(502),
            ..Fault::default()
        },
        5 => Fault {
            cors: Some(false),
            ..Fault::default()
        },
        _ => Fault {
            drop: true,
            store: extra.is_multiple_of(2),
            ..Fault::default()
        },
    }
}

struct Inner {
    queue: VecDeque<Fault>,
    injected: VecDeque<Injected>,
    counts: Counts,
    rng: SplitMix64,
}

/// Shared fault state.
pub struct Faults {
    /// `--fault-admin`: the `/_faults` routes exist.
    pub admin: bool,
    rate: f64,
    seed: u64,
    inner: Mutex<Inner>,
}

/// A ticket for one `POST /submissions`: its number and its fault, if any.
#[derive(Debug, Clone)]
pub struct Ticket {
    pub request: u64,
    pub fault: Option<(Source, Fault)>,
}

impl Faults {
    pub fn new(admin: bool, rate: f64, seed: u64) -> Faults {
        Faults {
            admin,
            rate,
            seed,
            inner: Mutex::new(Inner {
                queue: VecDeque::new(),
                injected: VecDeque::new(),
                counts: Counts::default(),
                rng: SplitMix64(seed),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Called once per `POST /submissions`, in arrival order.
    pub fn take(&self) -> Ticket {
        let mut inner = self.lock();
        inner.counts.posts += 1;
        let request = inner.counts.posts;
        let fault = if let Some(f) = inner.queue.pop_front() {
            Some((Source::Queue, f))
        } else if self.rate > 0.0 && inner.rng.unit() < self.rate {
            let (word, extra) = (inner.rng.next(), inner.rng.next());
            Some((Source::Random, random_fault(word, extra)))
        } else {
            None
        };
        let fault = fault.filter(|(_, f)| *f != Fault::default());
        if fault.is_some() {
            inner.counts.faulted += 1;
        }
        Ticket { request, fault }
    }

    /// Records what happened to a request taken with [`Faults::take`].
    pub fn finish(&self, ticket: &Ticket, id: Option<String>, handling: Handling) {
        let mut inner = self.lock();
        match handling {
            Handling::Created => inner.counts.created += 1,
            Handling::Replayed => inner.counts.replayed += 1,
            Handling::Rejected => inner.counts.rejected += 1,
            Handling::Skipped => {}
        }
        if let Some((source, fault)) = &ticket.fault {
            if inner.injected.len() >= MAX_LOG {
                inner.injected.pop_front();
            }
            inner.injected.push_back(Injected {
                request: ticket.request,
                source: *source,
                fault: fault.clone(),
                id,
                handling,
            });
        }
    }

    pub fn count_preflight(&self) {
        self.lock().counts.preflights += 1;
    }

    /// Queues faults from a `POST /_faults` body: one fault object or an
    /// array of them.
    pub fn enqueue(&self, body: &Value) -> Result<(), String> {
        let faults: Vec<Fault> = match body {
            Value::Array(_) => serde_json::from_value(body.clone()),
            _ => serde_json::from_value(body.clone()).map(|f| vec![f]),
        }
        .map_err(|e| format!("not a fault or a list of faults: {e}"))?;
        for (i, f) in faults.iter().enumerate() {
            f.check().map_err(|e| format!("fault {i}: {e}"))?;
        }
        let mut inner = self.lock();
        if inner.queue.len() + faults.len() > MAX_QUEUED {
            return Err(format!("at most {MAX_QUEUED} faults may be queued"));
        }
        inner.queue.extend(faults);
        Ok(())
    }

    /// Empties the queue and the log, zeroes the counts and restarts the
    /// random sequence from the seed.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.queue.clear();
        inner.injected.clear();
        inner.counts = Counts::default();
        inner.rng = SplitMix64(self.seed);
    }

    pub fn report(&self) -> Report {
        let inner = self.lock();
        Report {
            queued: inner.queue.iter().cloned().collect(),
            injected: inner.injected.iter().cloned().collect(),
            counts: inner.counts.clone(),
            random: RandomReport {
                rate: self.rate,
                seed: self.seed,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn queue_first_then_random_and_reproducible() {
        let f = Faults::new(true, 0.5, 42);
        f.enqueue(&json!([{"status": 500}, {}])).expect("queue");
        let t1 = f.take();
        assert_eq!(
            t1.fault.map(|(s, f)| (s, f.status)),
            Some((Source::Queue, Some(500)))
        );
        assert!(f.take().fault.is_none(), "{{}} lets one through");
        let draw = |f: &Faults| -> Vec<Option<Fault>> {
            (0..200).map(|_| f.take().fault.map(|(_, f)| f)).collect()
        };
        let first = draw(&f);
        let hit = first.iter().filter(|x| x.is_some()).count();
        assert!((60..=140).contains(&hit), "about half: {hit}");
        assert!(first.iter().flatten().all(|x| x.check().is_ok()
            && x.status != Some(400)
            && x.hang_ms.is_none_or(|ms| ms < 500)));
        f.clear();
        assert_eq!(f.report().counts.posts, 0);
        assert_eq!(draw(&f), first, "same seed, same sequence after clear");
        assert_eq!(draw(&Faults::new(false, 0.5, 42)), first);
        assert_ne!(draw(&Faults::new(false, 0.5, 43)), first);
    }

    #[test]
    fn bad_faults_are_refused_whole() {
        let f = Faults::new(true, 0.0, 0);
        for bad in [
            json!({"status": 200}),
            json!({"status": 500, "colour": "red"}),
            json!({"drop": true, "status": 500}),
            json!({"message": "x"}),
            json!({"hang_ms": MAX_HANG_MS + 1}),
            json!([{"status": 500}, {"status": 99}]),
            json!("500"),
            json!({"crash_mid_store": true, "status": 503}),
            json!({"crash_mid_store": true, "store": true}),
            json!({"crash_mid_store": true, "drop": true}),
            json!({"crash_mid_store": true, "cors": false}),
        ] {
            assert!(f.enqueue(&bad).is_err(), "{bad}");
        }
        assert!(f.report().queued.is_empty());
        f.enqueue(&json!({"crash_mid_store": true, "hang_ms": 10}))
            .expect("a crash may wait first");
        assert!(f.report().queued[0].crash_mid_store);
    }
}
