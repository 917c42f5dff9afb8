//! Goldens of `kubectl explain` and `oc explain` against kubectl 1.27's OpenAPI v3 template.

use expect_test::expect;

use super::*;

#[test]
fn explain_kinds_and_fields() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl explain pods",
        expect![[r#"
        KIND:       Pod
        VERSION:    v1

        DESCRIPTION:
            Pod is a collection of containers that can run on a host. This resource is
            created by clients and scheduled onto hosts.
        ····
        FIELDS:
          apiVersion	<string>
            APIVersion defines the versioned schema of this representation of an object.
            Servers should convert recognized schemas to the latest internal value, and
            may reject unrecognized values. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

          kind	<string>
            Kind is a string value representing the REST resource this object
            represents. Servers may infer this from the endpoint the client submits
            requests to. Cannot be updated. In CamelCase. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

          metadata	<ObjectMeta>
            Standard object's metadata. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

          spec	<PodSpec>
            Specification of the desired behavior of the pod. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

          status	<PodStatus>
            Most recently observed status of the pod. This data may not be up to date.
            Populated by the system. Read-only. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status


    "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec",
        expect![[r#"
        KIND:       Pod
        VERSION:    v1

        FIELD: spec <PodSpec>

        DESCRIPTION:
            Specification of the desired behavior of the pod. More info:
            https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status
            PodSpec is a description of a pod.
        ····
        FIELDS:
          activeDeadlineSeconds	<integer>
            Optional duration in seconds the pod may be active on the node relative to
            StartTime before the system will actively try to mark it failed and kill
            associated containers. Value must be a positive integer.

          affinity	<Affinity>
            If specified, the pod's scheduling constraints

          automountServiceAccountToken	<boolean>
            AutomountServiceAccountToken indicates whether a service account token
            should be automatically mounted.

          containers	<[]Container> -required-
            List of containers belonging to the pod. Containers cannot currently be
            added or removed. There must be at least one container in a Pod. Cannot be
            updated.

          dnsConfig	<PodDNSConfig>
            Specifies the DNS parameters of a pod. Parameters specified here will be
            merged to the generated DNS configuration based on DNSPolicy.

          dnsPolicy	<string>
            Set DNS policy for the pod. Defaults to "ClusterFirst". Valid values are
            'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS
            parameters given in DNSConfig will be merged with the policy selected with
            DNSPolicy. To have DNS options set along with hostNetwork, you have to
            specify DNS policy explicitly to 'ClusterFirstWithHostNet'.
        ····
            Possible enum values:
             - `"ClusterFirst"` indicates that the pod should use cluster DNS first
            unless hostNetwork is true, if it is available, then fall back on the
            default (as determined by kubelet) DNS settings.
             - `"ClusterFirstWithHostNet"` indicates that the pod should use cluster DNS
            first, if it is available, then fall back on the default (as determined by
            kubelet) DNS settings.
             - `"Default"` indicates that the pod should use the default (as determined
            by kubelet) DNS settings.
             - `"None"` indicates that the pod should use empty DNS settings. DNS
            parameters such as nameservers and search paths should be defined via
            DNSConfig.

          enableServiceLinks	<boolean>
            EnableServiceLinks indicates whether information about services should be
            injected into pod's environment variables, matching the syntax of Docker
            links. Optional: Defaults to true.

          ephemeralContainers	<[]EphemeralContainer>
            List of ephemeral containers run in this pod. Ephemeral containers may be
            run in an existing pod to perform user-initiated actions such as debugging.
            This list cannot be specified when creating a pod, and it cannot be modified
            by updating the pod spec. In order to add an ephemeral container to an
            existing pod, use the pod's ephemeralcontainers subresource.

          hostAliases	<[]HostAlias>
            HostAliases is an optional list of hosts and IPs that will be injected into
            the pod's hosts file if specified. This is only valid for non-hostNetwork
            pods.

          hostIPC	<boolean>
            Use the host's ipc namespace. Optional: Default to false.

          hostNetwork	<boolean>
            Host networking requested for this pod. Use the host's network namespace. If
            this option is set, the ports that will be used must be specified. Default
            to false.

          hostPID	<boolean>
            Use the host's pid namespace. Optional: Default to false.

          hostUsers	<boolean>
            Use the host's user namespace. Optional: Default to true. If set to true or
            not present, the pod will be run in the host user namespace, useful for when
            the pod needs a feature only available to the host user namespace, such as
            loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns
            is created for the pod. Setting false is useful for mitigating container
            breakout vulnerabilities even allowing users to run their containers as root
            without actually having root privileges on the host. This field is
            alpha-level and is only honored by servers that enable the
            UserNamespacesSupport feature.

          hostname	<string>
            Specifies the hostname of the Pod If not specified, the pod's hostname will
            be set to a system-defined value.

          imagePullSecrets	<[]LocalObjectReference>
            ImagePullSecrets is an optional list of references to secrets in the same
            namespace to use for pulling any of the images used by this PodSpec. If
            specified, these secrets will be passed to individual puller implementations
            for them to use. More info:
            https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod

          initContainers	<[]Container>
            List of initialization containers belonging to the pod. Init containers are
            executed in order prior to containers being started. If any init container
            fails, the pod is considered to have failed and is handled according to its
            restartPolicy. The name for an init container or normal container must be
            unique among all containers. Init containers may not have Lifecycle actions,
            Readiness probes, Liveness probes, or Startup probes. The
            resourceRequirements of an init container are taken into account during
            scheduling by finding the highest request/limit for each resource type, and
            then using the max of of that value or the sum of the normal containers.
            Limits are applied to init containers in a similar fashion. Init containers
            cannot currently be added or removed. Cannot be updated. More info:
            https://kubernetes.io/docs/concepts/workloads/pods/init-containers/

          nodeName	<string>
            NodeName is a request to schedule this pod onto a specific node. If it is
            non-empty, the scheduler simply schedules this pod onto that node, assuming
            that it fits resource requirements.

          nodeSelector	<map[string]string>
            NodeSelector is a selector which must be true for the pod to fit on a node.
            Selector which must match a node's labels for the pod to be scheduled on
            that node. More info:
            https://kubernetes.io/docs/concepts/configuration/assign-pod-node/

          os	<PodOS>
            Specifies the OS of the containers in the pod. Some pod and container fields
            are restricted if this is set.
        ····
            If the OS field is set to linux, the following fields must be unset:
            -securityContext.windowsOptions
        ····
            If the OS field is set to windows, following fields must be unset: -
            spec.hostPID - spec.hostIPC - spec.hostUsers -
            spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile -
            spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy -
            spec.securityContext.sysctls - spec.shareProcessNamespace -
            spec.securityContext.runAsUser - spec.securityContext.runAsGroup -
            spec.securityContext.supplementalGroups -
            spec.containers[*].securityContext.seLinuxOptions -
            spec.containers[*].securityContext.seccompProfile -
            spec.containers[*].securityContext.capabilities -
            spec.containers[*].securityContext.readOnlyRootFilesystem -
            spec.containers[*].securityContext.privileged -
            spec.containers[*].securityContext.allowPrivilegeEscalation -
            spec.containers[*].securityContext.procMount -
            spec.containers[*].securityContext.runAsUser -
            spec.containers[*].securityContext.runAsGroup

          overhead	<map[string]Quantity>
            Overhead represents the resource overhead associated with running a pod for
            a given RuntimeClass. This field will be autopopulated at admission time by
            the RuntimeClass admission controller. If the RuntimeClass admission
            controller is enabled, overhead must not be set in Pod create requests. The
            RuntimeClass admission controller will reject Pod create requests which have
            the overhead already set. If RuntimeClass is configured and selected in the
            PodSpec, Overhead will be set to the value defined in the corresponding
            RuntimeClass, otherwise it will remain unset and treated as zero. More info:
            https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md

          preemptionPolicy	<string>
            PreemptionPolicy is the Policy for preempting pods with lower priority. One
            of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.
        ····
            Possible enum values:
             - `"Never"` means that pod never preempts other pods with lower priority.
             - `"PreemptLowerPriority"` means that pod can preempt other pods with lower
            priority.

          priority	<integer>
            The priority value. Various system components use this field to find the
            priority of the pod. When Priority Admission Controller is enabled, it
            prevents users from setting this field. The admission controller populates
            this field from PriorityClassName. The higher the value, the higher the
            priority.

          priorityClassName	<string>
            If specified, indicates the pod's priority. "system-node-critical" and
            "system-cluster-critical" are two special keywords which indicate the
            highest priorities with the former being the highest priority. Any other
            name must be defined by creating a PriorityClass object with that name. If
            not specified, the pod priority will be default or zero if there is no
            default.

          readinessGates	<[]PodReadinessGate>
            If specified, all readiness gates will be evaluated for pod readiness. A pod
            is ready when all its containers are ready AND all conditions specified in
            the readiness gates have status equal to "True" More info:
            https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates

          resourceClaims	<[]PodResourceClaim>
            ResourceClaims defines which ResourceClaims must be allocated and reserved
            before the Pod is allowed to start. The resources will be made available to
            those containers which consume them by name.
        ····
            This is an alpha field and requires enabling the DynamicResourceAllocation
            feature gate.
        ····
            This field is immutable.

          restartPolicy	<string>
            Restart policy for all containers within the pod. One of Always, OnFailure,
            Never. In some contexts, only a subset of those values may be permitted.
            Default to Always. More info:
            https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
        ····
            Possible enum values:
             - `"Always"`
             - `"Never"`
             - `"OnFailure"`

          runtimeClassName	<string>
            RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group,
            which should be used to run this pod.  If no RuntimeClass resource matches
            the named class, the pod will not be run. If unset or empty, the "legacy"
            RuntimeClass will be used, which is an implicit class with an empty
            definition that uses the default runtime handler. More info:
            https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class

          schedulerName	<string>
            If specified, the pod will be dispatched by specified scheduler. If not
            specified, the pod will be dispatched by default scheduler.

          schedulingGates	<[]PodSchedulingGate>
            SchedulingGates is an opaque list of values that if specified will block
            scheduling the pod. If schedulingGates is not empty, the pod will stay in
            the SchedulingGated state and the scheduler will not attempt to schedule the
            pod.
        ····
            SchedulingGates can only be set at pod creation time, and be removed only
            afterwards.
        ····
            This is a beta feature enabled by the PodSchedulingReadiness feature gate.

          securityContext	<PodSecurityContext>
            SecurityContext holds pod-level security attributes and common container
            settings. Optional: Defaults to empty.  See type description for default
            values of each field.

          serviceAccount	<string>
            DeprecatedServiceAccount is a depreciated alias for ServiceAccountName.
            Deprecated: Use serviceAccountName instead.

          serviceAccountName	<string>
            ServiceAccountName is the name of the ServiceAccount to use to run this pod.
            More info:
            https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/

          setHostnameAsFQDN	<boolean>
            If true the pod's hostname will be configured as the pod's FQDN, rather than
            the leaf name (the default). In Linux containers, this means setting the
            FQDN in the hostname field of the kernel (the nodename field of struct
            utsname). In Windows containers, this means setting the registry value of
            hostname for the registry key
            HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters to
            FQDN. If a pod does not have FQDN, this has no effect. Default to false.

          shareProcessNamespace	<boolean>
            Share a single process namespace between all of the containers in a pod.
            When this is set containers will be able to view and signal processes from
            other containers in the same pod, and the first process in each container
            will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be
            set. Optional: Default to false.

          subdomain	<string>
            If specified, the fully qualified Pod hostname will be
            "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not
            specified, the pod will not have a domainname at all.

          terminationGracePeriodSeconds	<integer>
            Optional duration in seconds the pod needs to terminate gracefully. May be
            decreased in delete request. Value must be non-negative integer. The value
            zero indicates stop immediately via the kill signal (no opportunity to shut
            down). If this value is nil, the default grace period will be used instead.
            The grace period is the duration in seconds after the processes running in
            the pod are sent a termination signal and the time when the processes are
            forcibly halted with a kill signal. Set this value longer than the expected
            cleanup time for your process. Defaults to 30 seconds.

          tolerations	<[]Toleration>
            If specified, the pod's tolerations.

          topologySpreadConstraints	<[]TopologySpreadConstraint>
            TopologySpreadConstraints describes how a group of pods ought to spread
            across topology domains. Scheduler will schedule pods in a way which abides
            by the constraints. All topologySpreadConstraints are ANDed.

          volumes	<[]Volume>
            List of volumes that can be mounted by containers belonging to the pod. More
            info: https://kubernetes.io/docs/concepts/storage/volumes


    "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec.containers",
        expect![[r#"
        KIND:       Pod
        VERSION:    v1

        FIELD: containers <[]Container>

        DESCRIPTION:
            List of containers belonging to the pod. Containers cannot currently be
            added or removed. There must be at least one container in a Pod. Cannot be
            updated.
            A single application container that you want to run within a pod.
        ····
        FIELDS:
          args	<[]string>
            Arguments to the entrypoint. The container image's CMD is used if this is
            not provided. Variable references $(VAR_NAME) are expanded using the
            container's environment. If a variable cannot be resolved, the reference in
            the input string will be unchanged. Double $$ are reduced to a single $,
            which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will
            produce the string literal "$(VAR_NAME)". Escaped references will never be
            expanded, regardless of whether the variable exists or not. Cannot be
            updated. More info:
            https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell

          command	<[]string>
            Entrypoint array. Not executed within a shell. The container image's
            ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME)
            are expanded using the container's environment. If a variable cannot be
            resolved, the reference in the input string will be unchanged. Double $$ are
            reduced to a single $, which allows for escaping the $(VAR_NAME) syntax:
            i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped
            references will never be expanded, regardless of whether the variable exists
            or not. Cannot be updated. More info:
            https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell

          env	<[]EnvVar>
            List of environment variables to set in the container. Cannot be updated.

          envFrom	<[]EnvFromSource>
            List of sources to populate environment variables in the container. The keys
            defined within a source must be a C_IDENTIFIER. All invalid keys will be
            reported as an event when the container is starting. When a key exists in
            multiple sources, the value associated with the last source will take
            precedence. Values defined by an Env with a duplicate key will take
            precedence. Cannot be updated.

          image	<string>
            Container image name. More info:
            https://kubernetes.io/docs/concepts/containers/images This field is optional
            to allow higher level config management to default or override container
            images in workload controllers like Deployments and StatefulSets.

          imagePullPolicy	<string>
            Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if
            :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More
            info: https://kubernetes.io/docs/concepts/containers/images#updating-images
        ····
            Possible enum values:
             - `"Always"` means that kubelet always attempts to pull the latest image.
            Container will fail If the pull fails.
             - `"IfNotPresent"` means that kubelet pulls if the image isn't present on
            disk. Container will fail if the image isn't present and the pull fails.
             - `"Never"` means that kubelet never pulls an image, but only uses a local
            image. Container will fail if the image isn't present

          lifecycle	<Lifecycle>
            Actions that the management system should take in response to container
            lifecycle events. Cannot be updated.

          livenessProbe	<Probe>
            Periodic probe of container liveness. Container will be restarted if the
            probe fails. Cannot be updated. More info:
            https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes

          name	<string> -required-
            Name of the container specified as a DNS_LABEL. Each container in a pod must
            have a unique name (DNS_LABEL). Cannot be updated.

          ports	<[]ContainerPort>
            List of ports to expose from the container. Not specifying a port here DOES
            NOT prevent that port from being exposed. Any port which is listening on the
            default "0.0.0.0" address inside a container will be accessible from the
            network. Modifying this array with strategic merge patch may corrupt the
            data. For more information See
            https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.

          readinessProbe	<Probe>
            Periodic probe of container service readiness. Container will be removed
            from service endpoints if the probe fails. Cannot be updated. More info:
            https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes

          resizePolicy	<[]ContainerResizePolicy>
            Resources resize policy for the container.

          resources	<ResourceRequirements>
            Compute Resources required by this container. Cannot be updated. More info:
            https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/

          securityContext	<SecurityContext>
            SecurityContext defines the security options the container should be run
            with. If set, the fields of SecurityContext override the equivalent fields
            of PodSecurityContext. More info:
            https://kubernetes.io/docs/tasks/configure-pod-container/security-context/

          startupProbe	<Probe>
            StartupProbe indicates that the Pod has successfully initialized. If
            specified, no other probes are executed until this completes successfully.
            If this probe fails, the Pod will be restarted, just as if the livenessProbe
            failed. This can be used to provide different probe parameters at the
            beginning of a Pod's lifecycle, when it might take a long time to load data
            or warm a cache, than during steady-state operation. This cannot be updated.
            More info:
            https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes

          stdin	<boolean>
            Whether this container should allocate a buffer for stdin in the container
            runtime. If this is not set, reads from stdin in the container will always
            result in EOF. Default is false.

          stdinOnce	<boolean>
            Whether the container runtime should close the stdin channel after it has
            been opened by a single attach. When stdin is true the stdin stream will
            remain open across multiple attach sessions. If stdinOnce is set to true,
            stdin is opened on container start, is empty until the first client attaches
            to stdin, and then remains open and accepts data until the client
            disconnects, at which time stdin is closed and remains closed until the
            container is restarted. If this flag is false, a container processes that
            reads from stdin will never receive an EOF. Default is false

          terminationMessagePath	<string>
            Optional: Path at which the file to which the container's termination
            message will be written is mounted into the container's filesystem. Message
            written is intended to be brief final status, such as an assertion failure
            message. Will be truncated by the node if greater than 4096 bytes. The total
            message length across all containers will be limited to 12kb. Defaults to
            /dev/termination-log. Cannot be updated.

          terminationMessagePolicy	<string>
            Indicate how the termination message should be populated. File will use the
            contents of terminationMessagePath to populate the container status message
            on both success and failure. FallbackToLogsOnError will use the last chunk
            of container log output if the termination message file is empty and the
            container exited with an error. The log output is limited to 2048 bytes or
            80 lines, whichever is smaller. Defaults to File. Cannot be updated.
        ····
            Possible enum values:
             - `"FallbackToLogsOnError"` will read the most recent contents of the
            container logs for the container status message when the container exits
            with an error and the terminationMessagePath has no contents.
             - `"File"` is the default behavior and will set the container status
            message to the contents of the container's terminationMessagePath when the
            container exits.

          tty	<boolean>
            Whether this container should allocate a TTY for itself, also requires
            'stdin' to be true. Default is false.

          volumeDevices	<[]VolumeDevice>
            volumeDevices is the list of block devices to be used by the container.

          volumeMounts	<[]VolumeMount>
            Pod volumes to mount into the container's filesystem. Cannot be updated.

          workingDir	<string>
            Container's working directory. If not specified, the container runtime's
            default will be used, which might be configured in the container image.
            Cannot be updated.


    "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec.containers.image",
        expect![[r#"
            KIND:       Pod
            VERSION:    v1

            FIELD: image <string>

            DESCRIPTION:
                Container image name. More info:
                https://kubernetes.io/docs/concepts/containers/images This field is optional
                to allow higher level config management to default or override container
                images in workload controllers like Deployments and StatefulSets.
            ····

        "#]],
    );
    check(
        &mut s,
        "kubectl explain deployment.spec.strategy",
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            FIELD: strategy <DeploymentStrategy>

            DESCRIPTION:
                The deployment strategy to use to replace existing pods with new ones.
                DeploymentStrategy describes how to replace existing pods with new ones.
            ····
            FIELDS:
              rollingUpdate	<RollingUpdateDeployment>
                Rolling update config params. Present only if DeploymentStrategyType =
                RollingUpdate.

              type	<string>
                Type of deployment. Can be "Recreate" or "RollingUpdate". Default is
                RollingUpdate.


        "#]],
    );
    check(
        &mut s,
        "kubectl explain svc.spec.type",
        expect![[r#"
        KIND:       Service
        VERSION:    v1

        FIELD: type <string>

        DESCRIPTION:
            type determines how the Service is exposed. Defaults to ClusterIP. Valid
            options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP"
            allocates a cluster-internal IP address for load-balancing to endpoints.
            Endpoints are determined by the selector or if that is not specified, by
            manual construction of an Endpoints object or EndpointSlice objects. If
            clusterIP is "None", no virtual IP is allocated and the endpoints are
            published as a set of endpoints rather than a virtual IP. "NodePort" builds
            on ClusterIP and allocates a port on every node which routes to the same
            endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an
            external load-balancer (if supported in the current cloud) which routes to
            the same endpoints as the clusterIP. "ExternalName" aliases this service to
            the specified externalName. Several other fields do not apply to
            ExternalName services. More info:
            https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
        ····
            Possible enum values:
             - `"ClusterIP"` means a service will only be accessible inside the cluster,
            via the cluster IP.
             - `"ExternalName"` means a service consists of only a reference to an
            external name that kubedns or equivalent will return as a CNAME record, with
            no exposing or proxying of any pods involved.
             - `"LoadBalancer"` means a service will be exposed via an external load
            balancer (if the cloud provider supports it), in addition to 'NodePort'
            type.
             - `"NodePort"` means a service will be exposed on one port of every node,
            in addition to 'ClusterIP' type.
        ····

    "#]],
    );
    check(
        &mut s,
        "kubectl explain svc.spec.ports.targetPort",
        expect![[r#"
            KIND:       Service
            VERSION:    v1

            FIELD: targetPort <IntOrString>

            DESCRIPTION:
                Number or name of the port to access on the pods targeted by the service.
                Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If
                this is a string, it will be looked up as a named port in the target Pod's
                container ports. If this is not specified, the value of the 'port' field is
                used (an identity map). This field is ignored for services with
                clusterIP=None, and should be omitted or set equal to the 'port' field. More
                info:
                https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
                IntOrString is a type that can hold an int32 or a string.  When used in JSON
                or YAML marshalling and unmarshalling, it produces or consumes the inner
                type.  This allows you to have, for example, a JSON field that can accept a
                name or number.
            ····

        "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.metadata.labels",
        expect![[r#"
        KIND:       Pod
        VERSION:    v1

        FIELD: labels <map[string]string>

        DESCRIPTION:
            Map of string keys and values that can be used to organize and categorize
            (scope and select) objects. May match selectors of replication controllers
            and services. More info:
            https://kubernetes.io/docs/concepts/overview/working-with-objects/labels
        ····

    "#]],
    );
}

#[test]
fn explain_recursive_and_api_version() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl explain deployment.spec.strategy --recursive",
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            FIELD: strategy <DeploymentStrategy>

            DESCRIPTION:
                The deployment strategy to use to replace existing pods with new ones.
                DeploymentStrategy describes how to replace existing pods with new ones.
            ····
            FIELDS:
              rollingUpdate	<RollingUpdateDeployment>
                maxSurge	<IntOrString>
                maxUnavailable	<IntOrString>
              type	<string>

        "#]],
    );
    check(
        &mut s,
        "kubectl explain configmap --recursive",
        expect![[r#"
            KIND:       ConfigMap
            VERSION:    v1

            DESCRIPTION:
                ConfigMap holds configuration data for pods to consume.
            ····
            FIELDS:
              apiVersion	<string>
              binaryData	<map[string]string>
              data	<map[string]string>
              immutable	<boolean>
              kind	<string>
              metadata	<ObjectMeta>
                annotations	<map[string]string>
                creationTimestamp	<string>
                deletionGracePeriodSeconds	<integer>
                deletionTimestamp	<string>
                finalizers	<[]string>
                generateName	<string>
                generation	<integer>
                labels	<map[string]string>
                managedFields	<[]ManagedFieldsEntry>
                  apiVersion	<string>
                  fieldsType	<string>
                  fieldsV1	<FieldsV1>
                  manager	<string>
                  operation	<string>
                  subresource	<string>
                  time	<string>
                name	<string>
                namespace	<string>
                ownerReferences	<[]OwnerReference>
                  apiVersion	<string> -required-
                  blockOwnerDeletion	<boolean>
                  controller	<boolean>
                  kind	<string> -required-
                  name	<string> -required-
                  uid	<string> -required-
                resourceVersion	<string>
                selfLink	<string>
                uid	<string>

        "#]],
    );
    check(
        &mut s,
        "kubectl explain deployments --api-version=apps/v1 --recursive=false",
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            DESCRIPTION:
                Deployment enables declarative updates for Pods and ReplicaSets.
            ····
            FIELDS:
              apiVersion	<string>
                APIVersion defines the versioned schema of this representation of an object.
                Servers should convert recognized schemas to the latest internal value, and
                may reject unrecognized values. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

              kind	<string>
                Kind is a string value representing the REST resource this object
                represents. Servers may infer this from the endpoint the client submits
                requests to. Cannot be updated. In CamelCase. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

              metadata	<ObjectMeta>
                Standard object's metadata. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

              spec	<DeploymentSpec>
                Specification of the desired behavior of the Deployment.

              status	<DeploymentStatus>
                Most recently observed status of the Deployment.


        "#]],
    );
    check(
        &mut s,
        "kubectl explain deployments --api-version=batch/v1",
        expect![[r#"
            --- stderr
            error: GVR (batch/v1, Resource=deployments) not found in OpenAPI schema
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl explain deployments --api-version=apps/v9",
        expect![[r#"
            --- stderr
            error: couldn't find resource for "apps/v9, Resource=deployments"
            --- exit 1
        "#]],
    );
}

#[test]
fn explain_errors() {
    let mut s = tiny();
    check(
        &mut s,
        "kubectl explain",
        expect![[r#"
        --- stderr
        error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl explain foo",
        expect![[r#"
            --- stderr
            the server doesn't have a resource type "foo"
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec.bogus",
        expect![[r#"
        --- stderr
        error: field "bogus" does not exist
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec.bogus.image",
        expect![[r#"
            --- stderr
            error: field "image" does not exist
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl explain pod.spec.containers.image.foo",
        expect![[r#"
            --- stderr
            error: field "foo" does not exist
            --- exit 1
        "#]],
    );
    check(
        &mut s,
        "kubectl explain pods nodes",
        expect![[r#"
        --- stderr
        error: We accept only this format: explain RESOURCE
        --- exit 1
    "#]],
    );
    check(
        &mut s,
        "kubectl explain routes",
        expect![[r#"
            --- stderr
            the server doesn't have a resource type "routes"
            --- exit 1
        "#]],
    );
}

#[test]
fn oc_explain_openshift_kinds() {
    let mut s = ocp4();
    check(
        &mut s,
        "oc explain clusteroperator.status.conditions.lastTransitionTime",
        expect![[r#"
            GROUP:      config.openshift.io
            KIND:       ClusterOperator
            VERSION:    v1

            FIELD: lastTransitionTime <string>

            DESCRIPTION:
                lastTransitionTime is the time of the last update to the current status
                property.
            ····

        "#]],
    );
    check(
        &mut s,
        "oc explain machineset.spec.template.spec.providerSpec.value",
        expect![[r#"
            GROUP:      machine.openshift.io
            KIND:       MachineSet
            VERSION:    v1beta1

            FIELD: value <Object>

            DESCRIPTION:
                Value is an inlined, serialized representation of the resource
                configuration. It is recommended that providers maintain their own versioned
                API types that should be serialized/deserialized from this field, akin to
                component config.
            ····

        "#]],
    );
    check(
        &mut s,
        "oc explain route.spec",
        expect![[r#"
        GROUP:      route.openshift.io
        KIND:       Route
        VERSION:    v1

        FIELD: spec <RouteSpec>

        DESCRIPTION:
            spec is the desired state of the route
            RouteSpec describes the hostname or path the route exposes, any security
            information, and one to four backends (services) the route points to.
            Requests are distributed among the backends depending on the weights
            assigned to each backend. When using roundrobin scheduling the portion of
            requests that go to each backend is the backend weight divided by the sum of
            all of the backend weights. When the backend has more than one endpoint the
            requests that end up on the backend are roundrobin distributed among the
            endpoints. Weights are between 0 and 256 with default 100. Weight 0 causes
            no requests to the backend. If all weights are zero the route will be
            considered to have no backends and return a standard 503 response.
        ····
            The `tls` field is optional and allows specific certificates or behavior for
            the route. Routers typically configure a default certificate on a wildcard
            domain to terminate routes without explicit certificates, but custom
            hostnames usually must choose passthrough (send traffic directly to the
            backend via the TLS Server-Name- Indication field) or provide a certificate.
        ····
        FIELDS:
          alternateBackends	<[]RouteTargetReference>
            alternateBackends allows up to 3 additional backends to be assigned to the
            route. Only the Service kind is allowed, and it will be defaulted to
            Service. Use the weight field in RouteTargetReference object to specify
            relative preference.

          host	<string>
            host is an alias/DNS that points to the service. Optional. If not specified
            a route name will typically be automatically chosen. Must follow DNS952
            subdomain conventions.

          httpHeaders	<RouteHTTPHeaders>
            httpHeaders defines policy for HTTP headers.

          path	<string>
            path that the router watches for, to route traffic for to the service.
            Optional

          port	<RoutePort>
            If specified, the port to be used by the router. Most routers will use all
            endpoints exposed by the service by default - set this value to instruct
            routers which port to use.

          subdomain	<string>
            subdomain is a DNS subdomain that is requested within the ingress
            controller's domain (as a subdomain). If host is set this field is ignored.
            An ingress controller may choose to ignore this suggested name, in which
            case the controller will report the assigned name in the status.ingress
            array or refuse to admit the route. If this value is set and the server does
            not support this field host will be populated automatically. Otherwise host
            is left empty. The field may have multiple parts separated by a dot, but not
            all ingress controllers may honor the request. This field may not be changed
            after creation except by a user with the update routes/custom-host
            permission.
        ····
            Example: subdomain `frontend` automatically receives the router subdomain
            `apps.mycluster.com` to have a full hostname `frontend.apps.mycluster.com`.

          tls	<TLSConfig>
            The tls field provides the ability to configure certificates and termination
            for the route.

          to	<RouteTargetReference> -required-
            to is an object the route should use as the primary backend. Only the
            Service kind is allowed, and it will be defaulted to Service. If the weight
            field (0-256 default 100) is set to zero, no traffic will be sent to this
            backend.

          wildcardPolicy	<string>
            Wildcard policy if any for the route. Currently only 'Subdomain' or 'None'
            is allowed.


    "#]],
    );
    check(
        &mut s,
        "oc explain route.spec.to.weight",
        expect![[r#"
        GROUP:      route.openshift.io
        KIND:       Route
        VERSION:    v1

        FIELD: weight <integer>

        DESCRIPTION:
            weight as an integer between 0 and 256, default 100, that specifies the
            target's relative weight against other target reference objects. 0
            suppresses requests to this backend.
        ····

    "#]],
    );
    check(
        &mut s,
        "oc explain clusteroperator.status.conditions",
        expect![[r#"
            GROUP:      config.openshift.io
            KIND:       ClusterOperator
            VERSION:    v1

            FIELD: conditions <[]Object>

            DESCRIPTION:
                conditions describes the state of the operator's managed and monitored
                components.
                ClusterOperatorStatusCondition represents the state of the operator's
                managed and monitored components.
            ····
            FIELDS:
              lastTransitionTime	<string> -required-
                lastTransitionTime is the time of the last update to the current status
                property.

              message	<string>
                message provides additional information about the current condition. This is
                only to be consumed by humans.  It may contain Line Feed characters
                (U+000A), which should be rendered as new lines.

              reason	<string>
                reason is the CamelCase reason for the condition's current status.

              status	<string> -required-
                status of the condition, one of True, False, Unknown.

              type	<string> -required-
                type specifies the aspect reported by this condition.


        "#]],
    );
    check(
        &mut s,
        "oc explain dc.spec.triggers --recursive",
        expect![[r#"
            GROUP:      apps.openshift.io
            KIND:       DeploymentConfig
            VERSION:    v1

            FIELD: triggers <[]DeploymentTriggerPolicy>

            DESCRIPTION:
                Triggers determine how updates to a DeploymentConfig result in new
                deployments. If no triggers are defined, a new deployment can only occur as
                a result of an explicit client update to the DeploymentConfig with a new
                LatestVersion. If null, defaults to having a config change trigger.
                DeploymentTriggerPolicy describes a policy for a single trigger that results
                in a new deployment.
            ····
            FIELDS:
              imageChangeParams	<DeploymentTriggerImageChangeParams>
                automatic	<boolean>
                containerNames	<[]string>
                from	<ObjectReference> -required-
                  apiVersion	<string>
                  fieldPath	<string>
                  kind	<string>
                  name	<string>
                  namespace	<string>
                  resourceVersion	<string>
                  uid	<string>
                lastTriggeredImage	<string>
              type	<string>

        "#]],
    );
}

#[test]
fn every_kind_explains() {
    let mut s = ocp4();
    for kind in crate::api::Kind::all().filter(|k| !crate::api::kinds::discovery_only(*k)) {
        let info = kind.info();
        let out = s.run(&format!("oc explain {}", info.plural));
        assert!(out.contains("DESCRIPTION:"), "{}: {out}", info.plural);
    }
}

#[test]
fn wrap_matches_go_wordwrap() {
    use super::super::explain::wrap_string;
    assert_eq!(wrap_string("aaa bbb ccc", 7), "aaa bbb\nccc");
    assert_eq!(wrap_string("aaaaaaaaaa bb", 5), "aaaaaaaaaa\nbb");
    assert_eq!(wrap_string("a  \nb", 10), "a  \nb");
}

/// Known divergence: the Kubernetes definitions outside the core and RBAC groups come from
/// k8s-openapi, which drops the "Possible enum values" lists that kubectl 1.27 prints.
#[test]
#[ignore = "k8s-openapi drops the enum value lists of apps, batch and the other non-core groups"]
fn explain_lists_enum_values_outside_core() {
    let mut s = tiny();
    let out = s.run("kubectl explain deployment.spec.strategy.type");
    assert!(out.contains("Possible enum values:"), "{out}");
    assert!(
        out.contains("`\"Recreate\"` Kill all existing pods"),
        "{out}"
    );
}
