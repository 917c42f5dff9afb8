//! Command-line tests of `oc import-image`, `oc new-build`, edge routes and the notebook flow of the monitoring lesson.

use expect_test::expect;

use super::tests_builds::check;
use crate::session::Session;

/// A session logged in as `developer` in a new project `metrics-report`.
fn project() -> Session {
    let mut s = Session::new("ocp4", 1).expect("the ocp4 scenario boots");
    for line in [
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
        "oc new-project metrics-report",
    ] {
        let out = s.exec(line);
        assert_eq!(out.code, 0, "{line}: {}", out.stderr);
    }
    s
}

#[test]
fn notebook_flow() {
    let mut s = project();
    check(
        &mut s,
        &[
            "oc import-image minimal-notebook:latest --from=quay.io/jupyter/minimal-notebook:latest --confirm",
            "oc get imagestreams",
            "oc new-build --name metrics-notebook --image-stream=minimal-notebook:latest -D $'FROM quay.io/jupyter/minimal-notebook:latest\\nRUN pip install --no-cache-dir prometheus-api-client matplotlib pypdf reportlab'",
            "oc logs -f buildconfig/metrics-notebook",
            "oc get builds",
            "oc new-app metrics-notebook --name notebook -e JUPYTER_TOKEN=bastion-lab",
            "@sleep 30",
            "oc get pods",
            "oc create route edge notebook --service=notebook --port=8888",
            "oc get route notebook",
            "curl -sk https://notebook-metrics-report.apps.ocp4.example.com",
            "curl -skI https://notebook-metrics-report.apps.ocp4.example.com | head -1 | tr -d '\\r'",
            "oc get deployment notebook -o jsonpath='{.spec.template.spec.containers[0].env}{\"\\n\"}'",
            "oc logs deployment/notebook",
        ],
        expect![[r#"
            $ oc import-image minimal-notebook:latest --from=quay.io/jupyter/minimal-notebook:latest --confirm
            imagestream.image.openshift.io/minimal-notebook imported

            Name:			minimal-notebook
            Namespace:		metrics-report
            Created:		Less than a second ago
            Labels:			<none>
            Annotations:		openshift.io/image.dockerRepositoryCheck=2024-02-05T09:00:06Z
            Image Repository:	image-registry.openshift-image-registry.svc:5000/metrics-report/minimal-notebook
            Image Lookup:		local=false
            Unique Images:		1
            Tags:			1

            latest
              tagged from quay.io/jupyter/minimal-notebook:latest

              * quay.io/jupyter/minimal-notebook@sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248
                  Less than a second ago

            Image Name:	minimal-notebook:latest
            Docker Image:	quay.io/jupyter/minimal-notebook@sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248
            Name:		sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248
            Created:	Less than a second ago
            Annotations:	image.openshift.io/dockerLayersOrder=ascending
            Image Size:	580MB
            Image Created:	3 months ago
            Author:		<none>
            Arch:		amd64
            Command:	tini -g -- start-notebook.py
            Exposes Ports:	8888/tcp

            $ oc get imagestreams
            NAME               IMAGE REPOSITORY                                                                   TAGS     UPDATED
            minimal-notebook   image-registry.openshift-image-registry.svc:5000/metrics-report/minimal-notebook   latest   3 seconds ago
            $ oc new-build --name metrics-notebook --image-stream=minimal-notebook:latest -D $'FROM quay.io/jupyter/minimal-notebook:latest\nRUN pip install --no-cache-dir prometheus-api-client matplotlib pypdf reportlab'
            --> Found image b6451c5 (3 months old) in image stream "metrics-report/minimal-notebook" under tag "latest" for "minimal-notebook:latest"

                * A Docker build using a predefined Dockerfile will be created
                  * The resulting image will be pushed to image stream tag "metrics-notebook:latest"
                  * Use 'oc start-build' to trigger a new build

            --> Creating resources with label build=metrics-notebook ...
                imagestream.image.openshift.io "metrics-notebook" created
                buildconfig.build.openshift.io "metrics-notebook" created
            --> Success
                Build configuration "metrics-notebook" created and build triggered.
                Run 'oc logs -f buildconfig/metrics-notebook' to stream the build progress.
            $ oc logs -f buildconfig/metrics-notebook
            Replaced Dockerfile FROM image quay.io/jupyter/minimal-notebook:latest
            Caching blobs under "/var/cache/blobs".

            Pulling image image-registry.openshift-image-registry.svc:5000/metrics-report/minimal-notebook@sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248 ...
            Trying to pull image-registry.openshift-image-registry.svc:5000/metrics-report/minimal-notebook@sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248...
            Getting image source signatures
            Copying blob sha256:9f00c3b1449c856b2eeafccbba9de83fe2fbc726edb54e224931d386bf834a3f
            Copying blob sha256:8e3c633a392820276ffa105721d539380dd6a7b8943528a73b7521a400733282
            Copying config sha256:0923de02e082db8d5fda28bc4e0224facf25bc1be4bb56e4895a370b2a1fbaeb
            Writing manifest to image destination
            STEP 1/4: FROM image-registry.openshift-image-registry.svc:5000/metrics-report/minimal-notebook@sha256:b6451c5f058a03f73b5ac14ecf08e1bfb4fbd8b710483b05ec1514e39cb47248
            STEP 2/4: ENV "OPENSHIFT_BUILD_NAME"="metrics-notebook-1" "OPENSHIFT_BUILD_NAMESPACE"="metrics-report"
            STEP 3/4: RUN pip install --no-cache-dir prometheus-api-client matplotlib pypdf reportlab
            Collecting prometheus-api-client
              Downloading prometheus_api_client-0.5.5-py3-none-any.whl.metadata
            Collecting matplotlib
              Downloading matplotlib-3.8.2-py3-none-any.whl.metadata
            Collecting pypdf
              Downloading pypdf-4.0.1-py3-none-any.whl.metadata
            Collecting reportlab
              Downloading reportlab-4.0.9-py3-none-any.whl.metadata
            Installing collected packages: prometheus-api-client, matplotlib, pypdf, reportlab
            Successfully installed prometheus-api-client-0.5.5 matplotlib-3.8.2 pypdf-4.0.1 reportlab-4.0.9
            --> ae83a35c6fd
            STEP 4/4: LABEL "io.openshift.build.name"="metrics-notebook-1" "io.openshift.build.namespace"="metrics-report"
            COMMIT temp.builder.openshift.io/metrics-report/metrics-notebook-1:ae83a35c
            Getting image source signatures
            Copying blob sha256:9f00c3b1449c856b2eeafccbba9de83fe2fbc726edb54e224931d386bf834a3f
            Copying blob sha256:8e3c633a392820276ffa105721d539380dd6a7b8943528a73b7521a400733282
            Copying blob sha256:09a4592ba20e6b055c0a4ab162a976ca6c6a9304f4ac382d9965ef761fd7f1f8
            Copying config sha256:3464d8e7ffbbd652c9d315de47c5146ff23b1a1e9a2160d1fd3213edfa79cf9c
            Writing manifest to image destination
            --> 3464d8e7ffb
            Successfully tagged temp.builder.openshift.io/metrics-report/metrics-notebook-1:ae83a35c
            3464d8e7ffbbd652c9d315de47c5146ff23b1a1e9a2160d1fd3213edfa79cf9c

            Pushing image image-registry.openshift-image-registry.svc:5000/metrics-report/metrics-notebook:latest ...
            Getting image source signatures
            Copying blob sha256:9f00c3b1449c856b2eeafccbba9de83fe2fbc726edb54e224931d386bf834a3f
            Copying blob sha256:8e3c633a392820276ffa105721d539380dd6a7b8943528a73b7521a400733282
            Copying blob sha256:09a4592ba20e6b055c0a4ab162a976ca6c6a9304f4ac382d9965ef761fd7f1f8
            Copying config sha256:3464d8e7ffbbd652c9d315de47c5146ff23b1a1e9a2160d1fd3213edfa79cf9c
            Writing manifest to image destination
            Successfully pushed image-registry.openshift-image-registry.svc:5000/metrics-report/metrics-notebook@sha256:e31926fc666db35af199f1ffed68dd7a2a22c8c192bbd46025472f42473b9fa7
            Push successful
            $ oc get builds
            NAME                 TYPE     FROM         STATUS     STARTED   DURATION
            metrics-notebook-1   Docker   Dockerfile   Complete   58s ago   55s
            $ oc new-app metrics-notebook --name notebook -e JUPYTER_TOKEN=bastion-lab
            --> Found image 39a14ff (3 months old) in image stream "metrics-report/metrics-notebook" under tag "latest" for "metrics-notebook"

                * This image will be deployed in deployment "notebook"
                * Port 8888/tcp will be load balanced by service "notebook"
                  * Other containers can access this service through the hostname "notebook"

            --> Creating resources ...
                deployment.apps "notebook" created
                service "notebook" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/notebook' 
                Run 'oc status' to view your app.
            $ oc get pods
            NAME                       READY   STATUS      RESTARTS   AGE
            metrics-notebook-1-build   0/1     Completed   0          98s
            notebook-cc5644b45-h27jg   1/1     Running     0          36s
            $ oc create route edge notebook --service=notebook --port=8888
            route.route.openshift.io/notebook created
            $ oc get route notebook
            NAME       HOST/PORT                                       PATH   SERVICES   PORT   TERMINATION   WILDCARD
            notebook   notebook-metrics-report.apps.ocp4.example.com          notebook   8888   edge          None
            $ curl -sk https://notebook-metrics-report.apps.ocp4.example.com
            $ curl -skI https://notebook-metrics-report.apps.ocp4.example.com | head -1 | tr -d '\r'
            HTTP/1.1 302 Found
            $ oc get deployment notebook -o jsonpath='{.spec.template.spec.containers[0].env}{"\n"}'
            [{"name":"JUPYTER_TOKEN","value":"bastion-lab"}]
            $ oc logs deployment/notebook
            Entered start.sh with args: jupyter lab
            Running hooks in: /usr/local/bin/start-notebook.d as uid: 1000 gid: 100
            Done running hooks in: /usr/local/bin/start-notebook.d
            Running hooks in: /usr/local/bin/before-notebook.d as uid: 1000 gid: 100
            Sourcing shell script: /usr/local/bin/before-notebook.d/10activate-conda-env.sh
            Done running hooks in: /usr/local/bin/before-notebook.d
            Executing the command: jupyter lab
            [I 2024-02-05 09:01:30.422 ServerApp] jupyter_lsp | extension was successfully linked.
            [I 2024-02-05 09:01:30.422 ServerApp] jupyterlab | extension was successfully linked.
            [I 2024-02-05 09:01:30.422 ServerApp] Writing Jupyter server cookie secret to /home/jovyan/.local/share/jupyter/runtime/jupyter_cookie_secret
            [I 2024-02-05 09:01:30.422 ServerApp] Serving notebooks from local directory: /home/jovyan
            [I 2024-02-05 09:01:30.422 ServerApp] Jupyter Server 2.12.1 is running at:
            [I 2024-02-05 09:01:30.422 ServerApp] http://notebook-cc5644b45-h27jg:8888/lab?token=...
            [I 2024-02-05 09:01:30.422 ServerApp]     http://127.0.0.1:8888/lab?token=...
            [I 2024-02-05 09:01:30.422 ServerApp] Use Control-C to stop this server and shut down all kernels (twice to skip confirmation).
            [I 2024-02-05 09:01:59.500 ServerApp] 302 GET / (10.131.0.2) 1.02ms
            [I 2024-02-05 09:02:02.500 ServerApp] 302 HEAD / (10.131.0.2) 1.02ms
        "#]],
    );
}

#[test]
fn import_image_errors() {
    let mut s = project();
    check(
        &mut s,
        &[
            "oc import-image minimal-notebook --from=quay.io/jupyter/minimal-notebook:latest",
            "oc import-image",
            "oc import-image nothere:latest --from=quay.io/example/nothere:latest --confirm",
            "@oc import-image minimal-notebook:latest --from=quay.io/jupyter/minimal-notebook:latest --confirm",
            "oc import-image minimal-notebook:other",
        ],
        expect![[r#"
            $ oc import-image minimal-notebook --from=quay.io/jupyter/minimal-notebook:latest
            --- stderr
            error: no image stream named "minimal-notebook" exists, pass --confirm to create and import
            --- exit 1
            $ oc import-image
            --- stderr
            error: you must specify the name of an image stream
            --- exit 1
            $ oc import-image nothere:latest --from=quay.io/example/nothere:latest --confirm
            imagestream.image.openshift.io/nothere imported with errors

            Name:			nothere
            Namespace:		metrics-report
            Created:		Less than a second ago
            Labels:			<none>
            Annotations:		openshift.io/image.dockerRepositoryCheck=2024-02-05T09:00:12Z
            Image Repository:	image-registry.openshift-image-registry.svc:5000/metrics-report/nothere
            Image Lookup:		local=false
            Unique Images:		0
            Tags:			1

            latest
              tagged from quay.io/example/nothere:latest

              ! error: Import failed (InternalError): Internal error occurred: quay.io/example/nothere:latest: reading manifest latest in quay.io/example/nothere: manifest unknown
                  Less than a second ago

            --- stderr
            error: tag latest failed: Internal error occurred: quay.io/example/nothere:latest: reading manifest latest in quay.io/example/nothere: manifest unknown
            --- exit 1
            $ oc import-image minimal-notebook:other
            --- stderr
            error: the tag "other" does not exist on the image stream - choose an existing tag to import or use the 'tag' command to create a new tag
            --- exit 1
        "#]],
    );
}

#[test]
fn new_build_and_route_errors() {
    let mut s = project();
    check(
        &mut s,
        &[
            "oc new-build --name x --image-stream=missing:latest -D $'FROM scratch'",
            "oc create route edge notebook",
            "oc create route edge notebook --service=missing",
            "oc create route sideways notebook --service=missing",
        ],
        expect![[r#"
            $ oc new-build --name x --image-stream=missing:latest -D $'FROM scratch'
            --- stderr
            error: unable to locate any images in image streams with name "missing:latest"

            The 'oc new-build' command will match arguments to the following types:

              1. Images tagged into image streams in the current project or the 'openshift' project
                 - if you don't specify a tag, we'll add ':latest'
              2. Images in the container storage, on remote registries, or on the local container engine
              3. Git repository URLs or local paths that point to Git repositories

            --allow-missing-images can be used to force the use of an image that was not matched

            See 'oc new-build -h' for examples.
            --- exit 1
            $ oc create route edge notebook
            --- stderr
            error: required flag(s) "service" not set
            --- exit 1
            $ oc create route edge notebook --service=missing
            --- stderr
            Error from server (NotFound): services "missing" not found
            --- exit 1
            $ oc create route sideways notebook --service=missing
            --- stderr
            Error: unknown command "sideways" for "oc create route"
            Run 'oc create route --help' for usage.
            --- exit 1
        "#]],
    );
}

#[test]
fn policy_binds_a_service_account_with_z() {
    let mut s = project();
    check(
        &mut s,
        &[
            "@oc login -u admin -p redhatocp https://api.ocp4.example.com:6443",
            "oc adm policy add-cluster-role-to-user cluster-monitoring-view -z default -n metrics-report",
            "oc get clusterrolebinding cluster-monitoring-view -o jsonpath='{.subjects}{\"\\n\"}'",
            "oc adm policy remove-cluster-role-from-user cluster-monitoring-view -z default -n metrics-report",
            "oc get clusterrolebinding cluster-monitoring-view -o jsonpath='{.subjects}{\"\\n\"}'",
        ],
        expect![[r#"
            $ oc adm policy add-cluster-role-to-user cluster-monitoring-view -z default -n metrics-report
            clusterrole.rbac.authorization.k8s.io/cluster-monitoring-view added: "default"
            $ oc get clusterrolebinding cluster-monitoring-view -o jsonpath='{.subjects}{"\n"}'
            [{"kind":"ServiceAccount","name":"default","namespace":"metrics-report"}]
            $ oc adm policy remove-cluster-role-from-user cluster-monitoring-view -z default -n metrics-report
            clusterrole.rbac.authorization.k8s.io/cluster-monitoring-view removed: "default"
            $ oc get clusterrolebinding cluster-monitoring-view -o jsonpath='{.subjects}{"\n"}'
            --- stderr
            Error from server (NotFound): clusterrolebindings.rbac.authorization.k8s.io "cluster-monitoring-view" not found
            --- exit 1
        "#]],
    );
}

#[test]
fn new_app_from_an_image_flag() {
    let mut s = project();
    check(
        &mut s,
        &[
            "oc new-app --image=docker.io/library/httpd --name web2",
            "oc new-app --docker-image=docker.io/library/httpd --name web3",
            "oc get is",
            "oc get deployment web2 -o jsonpath='{.metadata.annotations.image\\.openshift\\.io/triggers}{\"\\n\"}'",
            "oc new-app httpd --name web4",
        ],
        expect![[r#"
            $ oc new-app --image=docker.io/library/httpd --name web2
            --> Found container image 3a0fb23 (3 months old) from docker.io for "docker.io/library/httpd"

                * An image stream tag will be created as "web2:latest" that will track this image
                * This image will be deployed in deployment "web2"
                * Port 80/tcp will be load balanced by service "web2"
                  * Other containers can access this service through the hostname "web2"
                * WARNING: Image "docker.io/library/httpd" runs as the 'root' user which may not be permitted by your cluster administrator

            --> Creating resources ...
                imagestream.image.openshift.io "web2" created
                deployment.apps "web2" created
                service "web2" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/web2' 
                Run 'oc status' to view your app.
            $ oc new-app --docker-image=docker.io/library/httpd --name web3
            --> Found container image 3a0fb23 (3 months old) from docker.io for "docker.io/library/httpd"

                * An image stream tag will be created as "web3:latest" that will track this image
                * This image will be deployed in deployment "web3"
                * Port 80/tcp will be load balanced by service "web3"
                  * Other containers can access this service through the hostname "web3"
                * WARNING: Image "docker.io/library/httpd" runs as the 'root' user which may not be permitted by your cluster administrator

            --> Creating resources ...
                imagestream.image.openshift.io "web3" created
                deployment.apps "web3" created
                service "web3" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/web3' 
                Run 'oc status' to view your app.
            --- stderr
            Flag --docker-image has been deprecated, Deprecated flag use --image
            $ oc get is
            NAME   IMAGE REPOSITORY                                                       TAGS     UPDATED
            web2   image-registry.openshift-image-registry.svc:5000/metrics-report/web2   latest   6 seconds ago
            web3   image-registry.openshift-image-registry.svc:5000/metrics-report/web3   latest   3 seconds ago
            $ oc get deployment web2 -o jsonpath='{.metadata.annotations.image\.openshift\.io/triggers}{"\n"}'
            [{"from":{"kind":"ImageStreamTag","name":"web2:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web2\")].image"}]
            $ oc new-app httpd --name web4
            --> Found image 8d4ad2b (3 months old) in image stream "openshift/httpd" under tag "latest" for "httpd"

                Apache HTTP Server 
                ------------------ 

                * This image will be deployed in deployment "web4"
                * Port 8080/tcp will be load balanced by service "web4"
                * Port 8443/tcp will be load balanced by service "web4"
                  * Other containers can access this service through the hostname "web4"

            --> Creating resources ...
                deployment.apps "web4" created
                service "web4" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/web4' 
                Run 'oc status' to view your app.
        "#]],
    );
}
