//! The Examples menu: the Kubernetes tutorial's `web` StatefulSet, and the manifests of the
//! course material learners bring along, ready to apply.

/// One entry of the Examples menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Menu label.
    pub title: &'static str,
    /// One line about what it shows.
    pub summary: &'static str,
    /// Files it adds to the workspace, by path, the first one opened.
    pub files: &'static [(&'static str, &'static str)],
}

/// The tutorial's headless Service `nginx` and StatefulSet `web`; the page starts with it.
pub const WEB: &str = "\
# The Kubernetes tutorial's StatefulSet: a headless Service gives each pod a DNS name,
# and each replica gets its own 1Gi volume from the claim template.
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi
";

const MONGO: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongo
  namespace: default
spec:
  serviceName: \"mongo\"
  replicas: 3
  selector:
    matchLabels:
      app: mongo
  template:
    metadata:
      labels:
        app: mongo
    spec:
      containers:
      - name: mongo
        image: mongo:latest
        ports:
        - containerPort: 27017
        volumeMounts:
        - name: mongo-persistent-storage
          mountPath: /data/db
  volumeClaimTemplates:
  - metadata:
      name: mongo-persistent-storage
    spec:
      accessModes: [ \"ReadWriteOnce\" ]
      resources:
        requests:
          storage: 1Gi
";

const MYAPP: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: myapp
spec:
  serviceName: \"myapp\" # Headless service for network identity
  replicas: 3 # Desired number of replicas
  selector:
    matchLabels:
      app: myapp # Selector to identify Pods
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
        - name: myapp
          image: myapp-image:latest # Application container image
          ports:
            - containerPort: 8080 # Port exposed by the container
          volumeMounts:
            - name: myapp-storage
              mountPath: /data # Path where storage is mounted
  volumeClaimTemplates: # Template for persistent volume claims
    - metadata:
        name: myapp-storage
      spec:
        accessModes:
          - ReadWriteOnce # Access mode for the PVC
        resources:
          requests:
            storage: 1Gi # Requested storage size
";

const STATEFUL_APP_SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: stateful-app
  labels:
    app: stateful-app
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: stateful-app
";

const STATEFUL_APP: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: stateful-app
spec:
  serviceName: \"stateful-app\"
  replicas: 3
  selector:
    matchLabels:
      app: stateful-app
  template:
    metadata:
      labels:
        app: stateful-app
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
        volumeMounts:
        - name: data
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi
";

const DB_CLUSTER: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-cluster
spec:
  serviceName: db-service
  replicas: 3
  selector:
    matchLabels:
      app: database
  template:
    metadata:
      labels:
        app: database
    spec:
      containers:
        - name: db-container
          image: my-database-image:latest
          ports:
            - containerPort: 3306
          volumeMounts:
            - name: data-volume
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: data-volume
      spec:
        accessModes: ['ReadWriteOnce']
        resources:
          requests:
            storage: 10Gi
";

const PV_DEMO_PV: &str = "\
# Three hand-made volumes in the `manual` class. No provisioner creates volumes for that
# class, so the claims below can only bind to these.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: app-pv-0
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: [\"ReadWriteOnce\"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data/app-0
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: app-pv-1
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: [\"ReadWriteOnce\"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data/app-1
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: app-pv-2
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: [\"ReadWriteOnce\"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data/app-2
";

const PV_DEMO_PVC: &str = "\
# Claims named the way the StatefulSet names its own (<template>-<set>-<ordinal>):
# the StatefulSet finds them and uses them instead of creating new ones.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-app-0
spec:
  storageClassName: manual
  accessModes: [\"ReadWriteOnce\"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-app-1
spec:
  storageClassName: manual
  accessModes: [\"ReadWriteOnce\"]
  resources:
    requests:
      storage: 1Gi
";

const PV_DEMO_SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: app
  labels:
    app: app
spec:
  clusterIP: None
  selector:
    app: app
  ports:
  - name: http
    port: 80
";

const PV_DEMO_STS: &str = "\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app
spec:
  serviceName: app
  replicas: 3
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: web
        image: nginx:1.27.5
        ports:
        - name: http
          containerPort: 80
        volumeMounts:
        - name: data
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: manual
      accessModes: [\"ReadWriteOnce\"]
      resources:
        requests:
          storage: 1Gi
";

/// Every example, in menu order.
pub const ALL: [Example; 6] = [
    Example {
        title: "Tutorial: web + nginx",
        summary: "The Kubernetes tutorial's StatefulSet with its headless Service",
        files: &[("/web.yaml", WEB)],
    },
    Example {
        title: "MongoDB (chapter 14)",
        summary: "Three mongo replicas, each with its own 1Gi volume",
        files: &[("/mongodb-statefulset.yaml", MONGO)],
    },
    Example {
        title: "myapp",
        summary: "A StatefulSet whose image does not exist: watch the pull fail",
        files: &[("/myapp-statefulset.yaml", MYAPP)],
    },
    Example {
        title: "stateful-app (Day 34)",
        summary: "A headless Service and an nginx StatefulSet, in two files",
        files: &[
            ("/statefulset.yaml", STATEFUL_APP),
            ("/headless-service.yaml", STATEFUL_APP_SERVICE),
        ],
    },
    Example {
        title: "db-cluster",
        summary: "A database cluster with 10Gi volumes",
        files: &[("/db-cluster.yaml", DB_CLUSTER)],
    },
    Example {
        title: "Hand-made volumes",
        summary: "PersistentVolumes, pre-created claims, a Service and a StatefulSet",
        files: &[
            ("/pv-demo/statefulset.yaml", PV_DEMO_STS),
            ("/pv-demo/service.yaml", PV_DEMO_SERVICE),
            ("/pv-demo/persistentvolume.yaml", PV_DEMO_PV),
            ("/pv-demo/persistentvolumeclaim.yaml", PV_DEMO_PVC),
        ],
    },
];
