//! Command-line tests of OpenShift builds, image stream tags and DeploymentConfigs, run in a session on the classroom scenario.

use expect_test::{Expect, expect};

use crate::session::Session;

/// A session logged in as `developer` in a new project `demo`.
fn demo() -> Session {
    let mut s = Session::new("ocp4", 1).expect("the ocp4 scenario boots");
    for line in [
        "oc login -u developer -p developer https://api.ocp4.example.com:6443",
        "oc new-project demo",
    ] {
        let out = s.exec(line);
        assert_eq!(out.code, 0, "{line}: {}", out.stderr);
    }
    s
}

/// Runs the lines one after another and compares what each printed (standard output, standard error, a
/// non-zero exit code) with `expected`. Lines starting with `@` run without their output being shown, and
/// must succeed.
pub(super) fn check(s: &mut Session, lines: &[&str], expected: Expect) {
    let mut text = String::new();
    for line in lines {
        let out = s.exec(line.trim_start_matches('@'));
        if line.starts_with('@') {
            assert_eq!(out.code, 0, "{line}: {}{}", out.stdout, out.stderr);
            continue;
        }
        text.push_str(&format!(
            "$ {}\n{}",
            line.lines().next().unwrap_or(""),
            out.stdout
        ));
        if !out.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&out.stderr);
        }
        if out.code != 0 {
            text.push_str(&format!("--- exit {}\n", out.code));
        }
    }
    expected.assert_eq(&text);
}

#[test]
fn source_build_runs_pushes_and_rolls_out_the_app() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "@oc new-app nodejs~https://github.com/sclorg/nodejs-ex",
            "oc get builds",
            "oc get bc",
            "oc get pods -l openshift.io/build.name",
            "oc logs -f bc/nodejs-ex",
            "oc get builds",
            "oc get is",
            "oc get istag",
            "oc get build nodejs-ex-1 -o jsonpath='{.status.phase} {.status.duration} {.status.outputDockerImageReference} {.status.output.to.imageDigest}{\"\\n\"}'",
            "@sleep 30",
            "oc get pods",
            "oc get deployment nodejs-ex -o jsonpath='{.spec.template.spec.containers[0].image}{\"\\n\"}'",
            "@oc expose svc/nodejs-ex",
            "curl -s http://nodejs-ex-demo.apps.ocp4.example.com | grep title",
            "oc logs deployment/nodejs-ex",
        ],
        expect![[r#"
            $ oc get builds
            NAME          TYPE     FROM          STATUS    STARTED   DURATION
            nodejs-ex-1   Source   Git@a4d5cbd   Pending             
            $ oc get bc
            NAME        TYPE     FROM   LATEST
            nodejs-ex   Source   Git    1
            $ oc get pods -l openshift.io/build.name
            NAME                READY   STATUS    RESTARTS   AGE
            nodejs-ex-1-build   1/1     Running   0          9s
            $ oc logs -f bc/nodejs-ex
            Cloning "https://github.com/sclorg/nodejs-ex" ...
            	Commit:	a4d5cbd80e5b8e8a3d1a6e8b9b3e9c1bd6e4f0a7 (Merge pull request #294 from sclorg/update_packages)
            	Author:	Petr Hracek <phracek@redhat.com>
            	Date:	Tue Sep 19 11:02:34 2023 +0200
            Caching blobs under "/var/cache/blobs".
            Trying to pull image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa...
            Getting image source signatures
            Copying blob sha256:f3ad1f0b14b55cec5475108ab60734f017400ba563edc5efd99457966cab500c
            Copying blob sha256:7b2f6ab341b4146fa60addc0be8c745dcf8fd6f1c823c36d409976a8db238818
            Copying config sha256:ff1fba1b842891ff88bc45548b5bd8067b621c49e3316c1d2366639e681f4bc7
            Writing manifest to image destination
            Generating dockerfile with builder image image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa
            Adding transient rw bind mount for /run/secrets/rhsm
            STEP 1/9: FROM image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa
            STEP 2/9: LABEL "io.openshift.build.image"="image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa" "io.openshift.build.commit.author"="Petr Hracek <phracek@redhat.com>" "io.openshift.build.commit.date"="Tue Sep 19 11:02:34 2023 +0200" "io.openshift.build.commit.id"="a4d5cbd80e5b8e8a3d1a6e8b9b3e9c1bd6e4f0a7" "io.openshift.build.commit.message"="Merge pull request #294 from sclorg/update_packages" "io.openshift.build.source-location"="https://github.com/sclorg/nodejs-ex"
            STEP 3/9: ENV OPENSHIFT_BUILD_NAME="nodejs-ex-1" OPENSHIFT_BUILD_NAMESPACE="demo" OPENSHIFT_BUILD_SOURCE="https://github.com/sclorg/nodejs-ex" OPENSHIFT_BUILD_COMMIT="a4d5cbd80e5b8e8a3d1a6e8b9b3e9c1bd6e4f0a7"
            STEP 4/9: USER root
            STEP 5/9: COPY upload/src /tmp/src
            STEP 6/9: RUN chown -R 1001:0 /tmp/src
            STEP 7/9: USER 1001
            STEP 8/9: RUN /usr/libexec/s2i/assemble
            ---> Installing application source ...
            ---> Installing all dependencies

            added 158 packages, and audited 159 packages in 9s

            17 packages are looking for funding
              run `npm fund` for details

            found 0 vulnerabilities
            ---> Building in production mode
            ---> Pruning the development dependencies
            npm info run nodejs-ex@0.0.1 postinstall: nodejs-ex@0.0.1
            ---> Cleaning up npm cache
            ---> Fix permissions on app-root
            STEP 9/9: CMD /usr/libexec/s2i/run
            COMMIT temp.builder.openshift.io/demo/nodejs-ex-1:4d29182c
            Getting image source signatures
            Copying blob sha256:f3ad1f0b14b55cec5475108ab60734f017400ba563edc5efd99457966cab500c
            Copying blob sha256:7b2f6ab341b4146fa60addc0be8c745dcf8fd6f1c823c36d409976a8db238818
            Copying blob sha256:9f8f15420c7712a706e2a8eb703fc90c53a058fec75e3f26af933eeb3ae418c9
            Copying config sha256:a7af0e067b570cbf3847eec99bda5a44ced06d52898922c5e917b8e39c43dbbd
            Writing manifest to image destination
            --> a7af0e067b5
            Successfully tagged temp.builder.openshift.io/demo/nodejs-ex-1:4d29182c
            a7af0e067b570cbf3847eec99bda5a44ced06d52898922c5e917b8e39c43dbbd

            Pushing image image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex:latest ...
            Getting image source signatures
            Copying blob sha256:f3ad1f0b14b55cec5475108ab60734f017400ba563edc5efd99457966cab500c
            Copying blob sha256:7b2f6ab341b4146fa60addc0be8c745dcf8fd6f1c823c36d409976a8db238818
            Copying blob sha256:9f8f15420c7712a706e2a8eb703fc90c53a058fec75e3f26af933eeb3ae418c9
            Copying config sha256:a7af0e067b570cbf3847eec99bda5a44ced06d52898922c5e917b8e39c43dbbd
            Writing manifest to image destination
            Successfully pushed image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex@sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7
            Push successful
            $ oc get builds
            NAME          TYPE     FROM          STATUS     STARTED   DURATION
            nodejs-ex-1   Source   Git@a4d5cbd   Complete   54s ago   51s
            $ oc get is
            NAME        IMAGE REPOSITORY                                                  TAGS     UPDATED
            nodejs-ex   image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex   latest   6 seconds ago
            $ oc get istag
            NAME               IMAGE REFERENCE                                                                                                                           UPDATED
            nodejs-ex:latest   image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex@sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7   9s ago
            $ oc get build nodejs-ex-1 -o jsonpath='{.status.phase} {.status.duration} {.status.outputDockerImageReference} {.status.output.to.imageDigest}{"\n"}'
            Complete 51000000000 image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex:latest sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7
            $ oc get pods
            NAME                         READY   STATUS      RESTARTS   AGE
            nodejs-ex-1-build            0/1     Completed   0          102s
            nodejs-ex-6557c9db45-zv79r   1/1     Running     0          48s
            $ oc get deployment nodejs-ex -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
            image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex@sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7
            $ curl -s http://nodejs-ex-demo.apps.ocp4.example.com | grep title
            <title>Welcome to your Node.js application on OpenShift</title>
            $ oc logs deployment/nodejs-ex

            > nodejs-ex@0.0.1 start
            > node server.js

            Server running on http://0.0.0.0:8080
        "#]],
    );
}

#[test]
fn start_build_numbers_builds_and_logs_follow_the_latest() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "@oc new-app python~https://github.com/sclorg/django-ex",
            "@sleep 120",
            "oc start-build django-ex",
            "oc start-build bc/django-ex",
            "oc get bc django-ex -o jsonpath='{.status.lastVersion}{\"\\n\"}'",
            "oc logs build/django-ex-3 | head -3",
            "oc logs -f bc/django-ex | tail -2",
            "oc get builds",
            "oc get build django-ex-2 -o jsonpath='{.spec.triggeredBy[0].message}{\"\\n\"}'",
        ],
        expect![[r#"
            $ oc start-build django-ex
            build.build.openshift.io/django-ex-2 started
            $ oc start-build bc/django-ex
            build.build.openshift.io/django-ex-3 started
            $ oc get bc django-ex -o jsonpath='{.status.lastVersion}{"\n"}'
            3
            $ oc logs build/django-ex-3 | head -3
            Cloning "https://github.com/sclorg/django-ex" ...
            	Commit:	9b8f3a1e6c2d4f7a8b0c1d2e3f4a5b6c7d8e9f01 (Merge pull request #261 from sclorg/django-4)
            	Author:	Zuzana Miklankova <zmiklank@redhat.com>
            $ oc logs -f bc/django-ex | tail -2
            Successfully pushed image-registry.openshift-image-registry.svc:5000/demo/django-ex@sha256:890749c144dba55eda14fcc17f7c182c2433c08e167fd22b353595d0ff0ca56d
            Push successful
            $ oc get builds
            NAME          TYPE     FROM          STATUS     STARTED     DURATION
            django-ex-1   Source   Git@9b8f3a1   Complete   4m17s ago   1m2s
            django-ex-2   Source   Git@9b8f3a1   Complete   2m11s ago   1m2s
            django-ex-3   Source   Git@9b8f3a1   Complete   65s ago     1m2s
            $ oc get build django-ex-2 -o jsonpath='{.spec.triggeredBy[0].message}{"\n"}'
            Manually triggered
        "#]],
    );
}

#[test]
fn docker_strategy_builds_from_the_dockerfile() {
    let mut s = demo();
    check(
        &mut s,
        &[
            r#"@oc create -f - <<'YAML'
apiVersion: image.openshift.io/v1
kind: ImageStream
metadata:
  name: hello
---
apiVersion: build.openshift.io/v1
kind: BuildConfig
metadata:
  name: hello
spec:
  output:
    to:
      kind: ImageStreamTag
      name: hello:latest
  source:
    git:
      uri: https://github.com/openshift/ruby-hello-world.git
    type: Git
  strategy:
    dockerStrategy:
      from:
        kind: ImageStreamTag
        name: ruby:latest
        namespace: openshift
    type: Docker
  triggers:
  - type: ConfigChange
YAML"#,
            "oc logs -f bc/hello | grep -E '^(STEP|Push|Replaced)'",
            "oc get builds",
            "oc get pods",
        ],
        expect![[r#"
            $ oc logs -f bc/hello | grep -E '^(STEP|Push|Replaced)'
            Replaced Dockerfile FROM image image-registry.openshift-image-registry.svc:5000/openshift/ruby@sha256:0eb259ca2594d0fcc41cbad533977acd09448c632b322a335c7f5fd47351520c
            STEP 1/10: FROM image-registry.openshift-image-registry.svc:5000/openshift/ruby@sha256:0eb259ca2594d0fcc41cbad533977acd09448c632b322a335c7f5fd47351520c
            STEP 2/10: ENV OPENSHIFT_BUILD_NAME="hello-1" OPENSHIFT_BUILD_NAMESPACE="demo" OPENSHIFT_BUILD_SOURCE="https://github.com/openshift/ruby-hello-world.git" OPENSHIFT_BUILD_COMMIT="e3b7f5c1d2a4968b0c7e1f3a5d9b2c4e6f8a0b13"
            STEP 3/10: ENV RACK_ENV production
            STEP 4/10: ENV RAILS_ENV production
            STEP 5/10: COPY . /opt/app-root/src/
            STEP 6/10: RUN scl enable rh-ruby30 "bundle install"
            STEP 7/10: EXPOSE 8080
            STEP 8/10: CMD ["scl", "enable", "rh-ruby30", "./run.sh"]
            STEP 9/10: USER default
            STEP 10/10: LABEL "io.openshift.build.commit.author"="Ben Parees <bparees@users.noreply.github.com>" "io.openshift.build.commit.date"="Thu Jan 19 16:31:40 2023 -0500" "io.openshift.build.commit.id"="e3b7f5c1d2a4968b0c7e1f3a5d9b2c4e6f8a0b13" "io.openshift.build.commit.message"="Merge pull request #143 from openshift/ruby-3" "io.openshift.build.source-location"="https://github.com/openshift/ruby-hello-world.git"
            Pushing image image-registry.openshift-image-registry.svc:5000/demo/hello:latest ...
            Push successful
            $ oc get builds
            NAME      TYPE     FROM          STATUS     STARTED   DURATION
            hello-1   Docker   Git@e3b7f5c   Complete   40s ago   37s
            $ oc get pods
            NAME            READY   STATUS      RESTARTS   AGE
            hello-1-build   0/1     Completed   0          46s
        "#]],
    );
}

#[test]
fn unknown_repositories_fail_to_fetch() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "@oc new-app --name bad nodejs~https://github.com/example/nope",
            "oc logs -f bc/bad",
            "oc get builds",
            "oc get pods -l openshift.io/build.name",
            "oc get build bad-1 -o jsonpath='{.status.reason}: {.status.message}{\"\\n\"}'",
        ],
        expect![[r#"
            $ oc logs -f bc/bad
            Cloning "https://github.com/example/nope" ...
            error: failed to fetch requested repository "https://github.com/example/nope" with provided credentials
            $ oc get builds
            NAME    TYPE     FROM   STATUS                       STARTED   DURATION
            bad-1   Source   Git    Failed (FetchSourceFailed)   6s ago    3s
            $ oc get pods -l openshift.io/build.name
            NAME          READY   STATUS       RESTARTS   AGE
            bad-1-build   0/1     Init:Error   0          9s
            $ oc get build bad-1 -o jsonpath='{.status.reason}: {.status.message}{"\n"}'
            FetchSourceFailed: Failed to fetch the input source.
        "#]],
    );
}

#[test]
fn build_errors() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "oc start-build nope",
            "oc logs build/nope-1",
            r#"@oc create -f - <<'YAML'
apiVersion: build.openshift.io/v1
kind: BuildConfig
metadata:
  name: manual
spec:
  output:
    to:
      kind: ImageStreamTag
      name: manual:latest
  source:
    git:
      uri: https://github.com/sclorg/httpd-ex
    type: Git
  strategy:
    sourceStrategy:
      from:
        kind: ImageStreamTag
        name: httpd:latest
        namespace: openshift
    type: Source
YAML"#,
            "oc logs bc/manual",
            "oc get builds",
            "oc get istag manual:latest",
            "oc get istag nothere:latest",
        ],
        expect![[r#"
            $ oc start-build nope
            --- stderr
            Error from server (NotFound): buildconfigs.build.openshift.io "nope" not found
            --- exit 1
            $ oc logs build/nope-1
            --- stderr
            Error from server (NotFound): builds.build.openshift.io "nope-1" not found
            --- exit 1
            $ oc logs bc/manual
            --- stderr
            error: no builds found for "manual"
            --- exit 1
            $ oc get builds
            --- stderr
            No resources found in demo namespace.
            $ oc get istag manual:latest
            --- stderr
            Error from server (NotFound): imagestreams.image.openshift.io "manual" not found
            --- exit 1
            $ oc get istag nothere:latest
            --- stderr
            Error from server (NotFound): imagestreams.image.openshift.io "nothere" not found
            --- exit 1
        "#]],
    );
}

const DC: &str = r#"@cat > dc.yaml <<'YAML'
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: hello
        image: registry.access.redhat.com/ubi9/httpd-24
        ports:
        - containerPort: 8080
  triggers:
  - type: ConfigChange
YAML"#;

#[test]
fn deployment_config_rolls_out_revisions() {
    let mut s = demo();
    check(
        &mut s,
        &[
            DC,
            "oc apply -f dc.yaml",
            "oc get pods",
            "@sleep 30",
            "oc get dc",
            "oc get rc",
            "oc get pods",
            "oc rollout latest dc/hello",
            "@sleep 30",
            "oc scale dc/hello --replicas=3",
            "@sleep 30",
            "oc get dc",
            "oc get rc",
            "oc rollout history dc/hello",
            "oc set env dc/hello GREETING=hi",
            "@sleep 30",
            "oc rollout history dc/hello",
            "oc rollout undo dc/hello",
            "@sleep 30",
            "oc get pods",
            "oc get dc hello -o jsonpath='{.status.latestVersion} {.status.replicas} {.status.readyReplicas} {.status.details.message}{\"\\n\"}'",
        ],
        expect![[r#"
            $ oc apply -f dc.yaml
            deploymentconfig.apps.openshift.io/hello created
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get pods
            NAME             READY   STATUS              RESTARTS   AGE
            hello-1-deploy   1/1     Running             0          3s
            hello-1-gkzv7    0/1     ContainerCreating   0          2s
            hello-1-h27jg    0/1     ContainerCreating   0          2s
            $ oc get dc
            NAME    REVISION   DESIRED   CURRENT   TRIGGERED BY
            hello   1          2         2         config
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get rc
            NAME      DESIRED   CURRENT   READY   AGE
            hello-1   2         2         2       42s
            $ oc get pods
            NAME             READY   STATUS      RESTARTS   AGE
            hello-1-deploy   0/1     Completed   0          45s
            hello-1-gkzv7    1/1     Running     0          44s
            hello-1-h27jg    1/1     Running     0          44s
            $ oc rollout latest dc/hello
            deploymentconfig.apps.openshift.io/hello rolled out
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc scale dc/hello --replicas=3
            deploymentconfig.apps.openshift.io/hello scaled
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get dc
            NAME    REVISION   DESIRED   CURRENT   TRIGGERED BY
            hello   2          3         3         config
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get rc
            NAME      DESIRED   CURRENT   READY   AGE
            hello-1   0         0         0       2m3s
            hello-2   3         3         3       75s
            $ oc rollout history dc/hello
            deploymentconfig.apps.openshift.io/hello
            REVISION	STATUS		CAUSE
            1		Complete	config change
            2		Complete	manual change
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc set env dc/hello GREETING=hi
            deploymentconfig.apps.openshift.io/hello env updated
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc rollout history dc/hello
            deploymentconfig.apps.openshift.io/hello
            REVISION	STATUS		CAUSE
            1		Complete	config change
            2		Complete	manual change
            3		Complete	config change
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc rollout undo dc/hello
            deploymentconfig.apps.openshift.io/hello rolled back
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get pods
            NAME             READY   STATUS      RESTARTS   AGE
            hello-1-deploy   0/1     Completed   0          3m24s
            hello-2-deploy   0/1     Completed   0          2m36s
            hello-3-deploy   0/1     Completed   0          75s
            hello-4-5j9gh    1/1     Running     0          35s
            hello-4-deploy   0/1     Completed   0          36s
            hello-4-lkztm    1/1     Running     0          35s
            hello-4-xv9x6    1/1     Running     0          35s
            $ oc get dc hello -o jsonpath='{.status.latestVersion} {.status.replicas} {.status.readyReplicas} {.status.details.message}{"\n"}'
            4 3 3 rollback
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
        "#]],
    );
}

#[test]
fn deployment_config_errors() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "oc rollout latest dc/nope",
            "oc rollout status dc/nope",
            "oc get dc",
            DC,
            "@oc apply -f dc.yaml",
            "oc rollout undo dc/hello",
            "oc rollout status dc/hello",
            "kubectl get pods -l app=hello -o name | wc -l",
            "oc delete dc hello",
            "@sleep 40",
            "oc get pods,rc",
        ],
        expect![[r#"
            $ oc rollout latest dc/nope
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            Error from server (NotFound): deploymentconfigs.apps.openshift.io "nope" not found
            --- exit 1
            $ oc rollout status dc/nope
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            Error from server (NotFound): deploymentconfigs.apps.openshift.io "nope" not found
            --- exit 1
            $ oc get dc
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            No resources found in demo namespace.
            $ oc rollout undo dc/hello
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            error: couldn't find deployment for rollback
            --- exit 1
            $ oc rollout status dc/hello
            replication controller "hello-1" successfully rolled out
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ kubectl get pods -l app=hello -o name | wc -l
            2
            $ oc delete dc hello
            deploymentconfig.apps.openshift.io "hello" deleted
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get pods,rc
            --- stderr
            No resources found in demo namespace.
        "#]],
    );
}

#[test]
fn new_app_as_deployment_config_deploys_the_built_image() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "oc new-app --as-deployment-config nodejs~https://github.com/sclorg/nodejs-ex",
            "oc get dc",
            "oc logs -f bc/nodejs-ex | tail -1",
            "@sleep 40",
            "oc get pods",
            "oc rollout history dc/nodejs-ex",
            "oc get dc nodejs-ex -o jsonpath='{.spec.triggers[1].imageChangeParams.lastTriggeredImage}{\"\\n\"}'",
            "oc new-app --as-deployment-config --name web httpd",
            "@sleep 30",
            "oc get pods -l deploymentconfig=web",
        ],
        expect![[r#"
            $ oc new-app --as-deployment-config nodejs~https://github.com/sclorg/nodejs-ex
            --> Found image ba226dd (3 months old) in image stream "openshift/nodejs" under tag "latest" for "nodejs"

                * The source repository appears to match: nodejs
                * A source build using source code from https://github.com/sclorg/nodejs-ex will be created
                  * The resulting image will be pushed to image stream tag "nodejs-ex:latest"
                  * Use 'oc start-build' to trigger a new build
                * This image will be deployed in deployment config "nodejs-ex"
                * Port 8080/tcp will be load balanced by service "nodejs-ex"
                  * Other containers can access this service through the hostname "nodejs-ex"

            --> Creating resources ...
                imagestream.image.openshift.io "nodejs-ex" created
                buildconfig.build.openshift.io "nodejs-ex" created
                deploymentconfig.apps.openshift.io "nodejs-ex" created
                service "nodejs-ex" created
            --> Success
                Build scheduled, use 'oc logs -f buildconfig/nodejs-ex' to track its progress.
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/nodejs-ex' 
                Run 'oc status' to view your app.
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get dc
            NAME        REVISION   DESIRED   CURRENT   TRIGGERED BY
            nodejs-ex   0          1         0         config,image(nodejs-ex:latest)
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc logs -f bc/nodejs-ex | tail -1
            Push successful
            $ oc get pods
            NAME                 READY   STATUS      RESTARTS   AGE
            nodejs-ex-1-7jggk    1/1     Running     0          45s
            nodejs-ex-1-build    0/1     Completed   0          100s
            nodejs-ex-1-deploy   0/1     Completed   0          46s
            $ oc rollout history dc/nodejs-ex
            deploymentconfig.apps.openshift.io/nodejs-ex
            REVISION	STATUS		CAUSE
            1		Complete	image change
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get dc nodejs-ex -o jsonpath='{.spec.triggers[1].imageChangeParams.lastTriggeredImage}{"\n"}'
            image-registry.openshift-image-registry.svc:5000/demo/nodejs-ex@sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc new-app --as-deployment-config --name web httpd
            --> Found image 8d4ad2b (3 months old) in image stream "openshift/httpd" under tag "latest" for "httpd"

                Apache HTTP Server 
                ------------------ 

                * This image will be deployed in deployment config "web"
                * Port 8080/tcp will be load balanced by service "web"
                * Port 8443/tcp will be load balanced by service "web"
                  * Other containers can access this service through the hostname "web"

            --> Creating resources ...
                deploymentconfig.apps.openshift.io "web" created
                service "web" created
            --> Success
                Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:
                 'oc expose service/web' 
                Run 'oc status' to view your app.
            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
            $ oc get pods -l deploymentconfig=web
            NAME          READY   STATUS    RESTARTS   AGE
            web-1-9rb8p   1/1     Running   0          35s
        "#]],
    );
}

#[test]
fn start_build_follows_and_waits() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "@oc new-app --name site httpd~https://github.com/sclorg/httpd-ex",
            "oc start-build site --follow | grep -v -E '^(Copying|STEP|---|Getting|Writing|Trying|Generating|Adding|Caching|COMMIT|Successfully tagged|-->|[0-9a-f]{64}|$)'",
            "oc get builds",
            "@oc new-app --name bad httpd~https://github.com/example/missing",
            "oc start-build bad --wait",
            "oc get builds",
        ],
        expect![[r#"
            $ oc start-build site --follow | grep -v -E '^(Copying|STEP|---|Getting|Writing|Trying|Generating|Adding|Caching|COMMIT|Successfully tagged|-->|[0-9a-f]{64}|$)'
            build.build.openshift.io/site-2 started
            Cloning "https://github.com/sclorg/httpd-ex" ...
            	Commit:	f2c6e0b7a9d3148e5c7b2a6f9e8d1c0b3a4f5e6d (Merge pull request #37 from sclorg/readme)
            	Author:	Honza Horak <hhorak@redhat.com>
            	Date:	Wed Jun 14 09:45:12 2023 +0200
            Pushing image image-registry.openshift-image-registry.svc:5000/demo/site:latest ...
            Successfully pushed image-registry.openshift-image-registry.svc:5000/demo/site@sha256:cacd9d0d5742229ecc008838db05895b81d4fe7c7c727c8f66cb76781c0a2262
            Push successful
            $ oc get builds
            NAME     TYPE     FROM          STATUS     STARTED   DURATION
            site-1   Source   Git@f2c6e0b   Complete   59s ago   26s
            site-2   Source   Git@f2c6e0b   Complete   29s ago   26s
            $ oc start-build bad --wait
            build.build.openshift.io/bad-2 started
            --- stderr
            error: the build demo/bad-2 status is "Failed"
            --- exit 1
            $ oc get builds
            NAME     TYPE     FROM          STATUS                       STARTED   DURATION
            site-1   Source   Git@f2c6e0b   Complete                     72s ago   26s
            site-2   Source   Git@f2c6e0b   Complete                     42s ago   26s
            bad-1    Source   Git           Failed (FetchSourceFailed)   10s ago   3s
            bad-2    Source   Git           Failed (FetchSourceFailed)   6s ago    3s
        "#]],
    );
}

#[test]
fn deployer_pods_log_the_rollout() {
    let mut s = demo();
    check(
        &mut s,
        &[
            DC,
            "@oc apply -f dc.yaml",
            "oc logs -f dc/hello",
            "@sleep 30",
            "@oc scale dc/hello --replicas=4",
            "@sleep 30",
            "@oc rollout latest dc/hello",
            "oc logs -f dc/hello",
            "oc logs pod/hello-2-deploy",
            "@sleep 30",
            "oc rollout history dc/hello --revision=2",
        ],
        expect![[r#"
            $ oc logs -f dc/hello
            --> Scaling hello-1 to 2
            --> Success
            $ oc logs -f dc/hello
            => sourcing 10-set-mpm.sh ...
            => sourcing 20-copy-config.sh ...
            => sourcing 40-ssl-certs.sh ...
            ---> Generating SSL key pair for httpd...
            AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.128.8.13. Set the 'ServerName' directive globally to suppress this message
            [Mon Feb 05 09:01:29.000000 2024] [ssl:warn] [pid 1:tid 140245064812424] AH01909: 10.128.8.13:8443:0 server certificate does NOT include an ID which matches the server name
            [Mon Feb 05 09:01:29.000000 2024] [mpm_event:notice] [pid 1:tid 140245064812424] AH00489: Apache/2.4.57 (Red Hat Enterprise Linux) OpenSSL/3.0.7 configured -- resuming normal operations
            [Mon Feb 05 09:01:29.000000 2024] [core:notice] [pid 1:tid 140245064812424] AH00094: Command line: 'httpd -D FOREGROUND'
            --- stderr
            Found 4 pods, using pod/hello-2-4tk5m
            $ oc logs pod/hello-2-deploy
            --> Scaling up hello-2 from 0 to 4, scaling down hello-1 from 4 to 0 (keep 3 pods available, don't exceed 5 pods)
                Scaling hello-2 up to 1
                Scaling hello-1 down to 2
                Scaling hello-2 up to 3
                Scaling hello-1 down to 0
                Scaling hello-2 up to 4
            --> Success
            $ oc rollout history dc/hello --revision=2
            deploymentconfig.apps.openshift.io/hello with revision #2
            Pod Template:
              Labels:	app=hello
            	deployment=hello-2
            	deploymentconfig=hello
              Annotations:	openshift.io/deployment-config.latest-version: 2
            	openshift.io/deployment-config.name: hello
            	openshift.io/deployment.name: hello-2
              Containers:
               hello:
                Image:	registry.access.redhat.com/ubi9/httpd-24
                Port:	8080/TCP
                Host Port:	0/TCP
                Environment:	<none>
                Mounts:	<none>
              Volumes:	<none>
              Node-Selectors:	<none>
              Tolerations:	<none>

            --- stderr
            Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+
        "#]],
    );
}

#[test]
fn describe_build_shows_status_source_and_events() {
    let mut s = demo();
    check(
        &mut s,
        &[
            "@oc new-app nodejs~https://github.com/sclorg/nodejs-ex",
            "@oc logs -f bc/nodejs-ex",
            "oc describe build nodejs-ex-1",
            "oc get build nodejs-ex-1 -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.lastTransitionTime}{\"\\n\"}{end}'",
            "@oc new-app --name bad nodejs~https://github.com/example/nope",
            "@sleep 10",
            "oc describe build/bad-1",
            "oc describe build nope-1",
        ],
        expect![[r#"
            $ oc describe build nodejs-ex-1
            Name:		nodejs-ex-1
            Namespace:	demo
            Created:	57 seconds ago
            Labels:		app=nodejs-ex
            		app.kubernetes.io/component=nodejs-ex
            		app.kubernetes.io/instance=nodejs-ex
            		buildconfig=nodejs-ex
            		openshift.io/build-config.name=nodejs-ex
            		openshift.io/build.start-policy=Serial
            Annotations:	openshift.io/build-config.name=nodejs-ex
            		openshift.io/build.number=1
            		openshift.io/build.pod-name=nodejs-ex-1-build

            Status:		[1mComplete[0m
            Started:	Mon, 05 Feb 2024 09:00:09 UTC
            Duration:	51s

            Build Config:	nodejs-ex
            Build Pod:	nodejs-ex-1-build
            Image Digest:	sha256:145a70fcbd8beea273803817f4e21c06e5feb011273549de06ca18eb80da48f7

            Strategy:		Source
            URL:			https://github.com/sclorg/nodejs-ex
            Commit:			a4d5cbd (Merge pull request #294 from sclorg/update_packages)
            Author/Committer:	Petr Hracek
            From Image:		DockerImage image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa
            Output to:		ImageStreamTag nodejs-ex:latest
            Push Secret:		builder-dockercfg-f38f2

            Build trigger cause:	Build configuration change

            Events:
              Type		Reason		Age	From			Message
              ----		------		----	----			-------
              Normal	Scheduled	57s	default-scheduler	Successfully assigned demo/nodejs-ex-1-build to worker03
              Normal	AddedInterface	57s	multus			Add eth0 [10.128.8.11/23] from ovn-kubernetes
              Normal	Pulled		57s	kubelet			Container image "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:3d20d3e3e752618c65a431ce510aa77218614750d7ef02572157d6cf338c58a8" already present on machine
              Normal	Created		56s	kubelet			Created container git-clone
              Normal	Started		56s	kubelet			Started container git-clone
              Normal	BuildStarted	54s	build-controller	Build demo/nodejs-ex-1 is now running
              Normal	Created		54s	kubelet			Created container manage-dockerfile
              Normal	Started		54s	kubelet			Started container manage-dockerfile
              Normal	Created		54s	kubelet			Created container sti-build
              Normal	Started		54s	kubelet			Started container sti-build
              Normal	BuildCompleted	3s	build-controller	Build demo/nodejs-ex-1 completed successfully
            $ oc get build nodejs-ex-1 -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.lastTransitionTime}{"\n"}{end}'
            Complete=True 2024-02-05T09:01:00Z
            Running=False 2024-02-05T09:01:00Z
            Pending=False 2024-02-05T09:00:09Z
            New=False 2024-02-05T09:00:06Z
            $ oc describe build/bad-1
            Name:		bad-1
            Namespace:	demo
            Created:	16 seconds ago
            Labels:		app=bad
            		app.kubernetes.io/component=bad
            		app.kubernetes.io/instance=bad
            		buildconfig=bad
            		openshift.io/build-config.name=bad
            		openshift.io/build.start-policy=Serial
            Annotations:	openshift.io/build-config.name=bad
            		openshift.io/build.number=1
            		openshift.io/build.pod-name=bad-1-build

            Status:		[1mFailed[0m (Failed to fetch the input source.)
            Started:	Mon, 05 Feb 2024 09:01:09 UTC
            Duration:	3s

            Build Config:	bad
            Build Pod:	bad-1-build

            Strategy:	Source
            URL:		https://github.com/example/nope
            From Image:	DockerImage image-registry.openshift-image-registry.svc:5000/openshift/nodejs@sha256:4c0cec21d30c21a19c239d3f75acad771600ddf5d06f86040bc1ee91d98bc1fa
            Output to:	ImageStreamTag bad:latest
            Push Secret:	builder-dockercfg-f38f2

            Build trigger cause:	Build configuration change

            Log Tail:	Cloning "https://github.com/example/nope" ...
            		error: failed to fetch requested repository "https://github.com/example/nope" with provided credentials
            Events:
              Type		Reason		Age	From			Message
              ----		------		----	----			-------
              Normal	Scheduled	16s	default-scheduler	Successfully assigned demo/bad-1-build to worker01
              Normal	AddedInterface	16s	multus			Add eth0 [10.128.10.20/23] from ovn-kubernetes
              Normal	Pulled		16s	kubelet			Container image "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:3d20d3e3e752618c65a431ce510aa77218614750d7ef02572157d6cf338c58a8" already present on machine
              Normal	Created		15s	kubelet			Created container git-clone
              Normal	Started		15s	kubelet			Started container git-clone
              Warning	BuildFailed	13s	build-controller	Build demo/bad-1 failed
            $ oc describe build nope-1
            --- stderr
            Error from server (NotFound): builds.build.openshift.io "nope-1" not found
            --- exit 1
        "#]],
    );
}

#[test]
fn failed_clone_fails_the_init_container() {
    let mut s = demo();
    let out = s.exec("oc new-app --name bad nodejs~https://github.com/example/nope");
    assert_eq!(out.code, 0, "{}", out.stderr);
    s.exec("sleep 20");
    let pods = s.exec("oc get pod bad-1-build --no-headers").stdout;
    let columns: Vec<&str> = pods.split_whitespace().collect();
    assert_eq!(
        columns[..4],
        ["bad-1-build", "0/1", "Init:Error", "0"],
        "{pods}"
    );
}
