//! An observer the session hangs on a cluster to see it after every piece of work, so that a
//! lesson notices the order of changes even inside one long command (a `rollout status`).

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::Cluster;

/// What a tap calls: it looks, and must not change the cluster.
pub type Observer = Rc<RefCell<dyn FnMut(&Cluster)>>;

/// The cluster's observer, if any. A copy of a cluster (a dry run, a snapshot) is not observed,
/// and the observer is not part of the saved state.
#[derive(Default)]
pub struct Tap(Option<Observer>);

impl Tap {
    /// A tap that calls `observer`.
    pub fn new(observer: Observer) -> Tap {
        Tap(Some(observer))
    }

    /// Calls the observer, if there is one and it is not already running.
    pub(super) fn call(cluster: &Cluster) {
        let Some(observer) = cluster.tap.0.as_ref() else {
            return;
        };
        if let Ok(mut look) = observer.try_borrow_mut() {
            look(cluster);
        }
    }
}

impl Clone for Tap {
    fn clone(&self) -> Tap {
        Tap(None)
    }
}

impl fmt::Debug for Tap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Tap(on)"
        } else {
            "Tap(off)"
        })
    }
}
