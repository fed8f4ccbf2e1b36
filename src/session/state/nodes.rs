//! The learner's own node failures: stopping and starting a node's kubelet from the picture.

use super::Model;

impl Model {
    /// Stops or starts a node's kubelet; false when there is no such node or nothing changes.
    pub(super) fn set_node(&mut self, name: &str, down: bool) -> bool {
        let cluster = &mut self.term.session.cluster;
        let exists = cluster
            .world
            .store
            .get::<k8s_openapi::api::core::v1::Node>("", name)
            .is_some();
        if !exists || cluster.world.failed_nodes.contains_key(name) == down {
            return false;
        }
        if down {
            crate::sim::kubelet::fail_node(cluster, name);
        } else {
            crate::sim::kubelet::recover_node(cluster, name);
        }
        // The picture shows the stopped kubelet at once, before the node controller notices.
        self.view_key = None;
        self.refresh();
        true
    }
}
