//! Member order of the AWS response shapes the simulator prints, taken from the botocore service models (ec2, sts, elbv2, eks): the CLI prints keys in this order.

/// (service, operation, output shape) for every implemented operation.
pub const ROOTS: &[(&str, &str, &str)] = &[
    ("ec2", "AllocateAddress", "AllocateAddressResult"),
    ("ec2", "AssociateAddress", "AssociateAddressResult"),
    ("ec2", "AssociateRouteTable", "AssociateRouteTableResult"),
    (
        "ec2",
        "AssociateVpcCidrBlock",
        "AssociateVpcCidrBlockResult",
    ),
    (
        "ec2",
        "AuthorizeSecurityGroupEgress",
        "AuthorizeSecurityGroupEgressResult",
    ),
    (
        "ec2",
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupIngressResult",
    ),
    (
        "ec2",
        "CreateInternetGateway",
        "CreateInternetGatewayResult",
    ),
    ("ec2", "CreateNatGateway", "CreateNatGatewayResult"),
    ("ec2", "CreateNetworkAcl", "CreateNetworkAclResult"),
    (
        "ec2",
        "CreateNetworkInsightsPath",
        "CreateNetworkInsightsPathResult",
    ),
    ("ec2", "CreateRoute", "CreateRouteResult"),
    ("ec2", "CreateRouteTable", "CreateRouteTableResult"),
    ("ec2", "CreateSecurityGroup", "CreateSecurityGroupResult"),
    ("ec2", "CreateSubnet", "CreateSubnetResult"),
    ("ec2", "CreateVpc", "CreateVpcResult"),
    ("ec2", "DeleteNatGateway", "DeleteNatGatewayResult"),
    (
        "ec2",
        "DeleteNetworkInsightsPath",
        "DeleteNetworkInsightsPathResult",
    ),
    ("ec2", "DeleteSecurityGroup", "DeleteSecurityGroupResult"),
    ("ec2", "DescribeAddresses", "DescribeAddressesResult"),
    (
        "ec2",
        "DescribeAvailabilityZones",
        "DescribeAvailabilityZonesResult",
    ),
    ("ec2", "DescribeInstances", "DescribeInstancesResult"),
    (
        "ec2",
        "DescribeInternetGateways",
        "DescribeInternetGatewaysResult",
    ),
    ("ec2", "DescribeNatGateways", "DescribeNatGatewaysResult"),
    ("ec2", "DescribeNetworkAcls", "DescribeNetworkAclsResult"),
    (
        "ec2",
        "DescribeNetworkInsightsAnalyses",
        "DescribeNetworkInsightsAnalysesResult",
    ),
    (
        "ec2",
        "DescribeNetworkInsightsPaths",
        "DescribeNetworkInsightsPathsResult",
    ),
    ("ec2", "DescribeRegions", "DescribeRegionsResult"),
    ("ec2", "DescribeRouteTables", "DescribeRouteTablesResult"),
    (
        "ec2",
        "DescribeSecurityGroupRules",
        "DescribeSecurityGroupRulesResult",
    ),
    (
        "ec2",
        "DescribeSecurityGroups",
        "DescribeSecurityGroupsResult",
    ),
    ("ec2", "DescribeSubnets", "DescribeSubnetsResult"),
    ("ec2", "DescribeTags", "DescribeTagsResult"),
    ("ec2", "DescribeVpcAttribute", "DescribeVpcAttributeResult"),
    ("ec2", "DescribeVpcs", "DescribeVpcsResult"),
    (
        "ec2",
        "ReplaceNetworkAclAssociation",
        "ReplaceNetworkAclAssociationResult",
    ),
    (
        "ec2",
        "ReplaceRouteTableAssociation",
        "ReplaceRouteTableAssociationResult",
    ),
    (
        "ec2",
        "RevokeSecurityGroupEgress",
        "RevokeSecurityGroupEgressResult",
    ),
    (
        "ec2",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupIngressResult",
    ),
    ("ec2", "RunInstances", "Reservation"),
    (
        "ec2",
        "StartNetworkInsightsAnalysis",
        "StartNetworkInsightsAnalysisResult",
    ),
    ("ec2", "TerminateInstances", "TerminateInstancesResult"),
    ("sts", "GetCallerIdentity", "sts.GetCallerIdentityResponse"),
    (
        "elbv2",
        "DescribeLoadBalancers",
        "elbv2.DescribeLoadBalancersOutput",
    ),
    ("eks", "ListClusters", "eks.ListClustersResponse"),
];

/// Structure shapes: name and (member, member shape) in model order.
pub const STRUCTS: &[(&str, &[(&str, &str)])] = &[
    (
        "AdditionalDetail",
        &[
            ("AdditionalDetailType", "String"),
            ("Component", "AnalysisComponent"),
            ("VpcEndpointService", "AnalysisComponent"),
            ("RuleOptions", "RuleOptionList"),
            ("RuleGroupTypePairs", "RuleGroupTypePairList"),
            ("RuleGroupRuleOptionsPairs", "RuleGroupRuleOptionsPairList"),
            ("ServiceName", "String"),
            ("LoadBalancers", "AnalysisComponentList"),
        ],
    ),
    (
        "Address",
        &[
            ("AllocationId", "String"),
            ("AssociationId", "String"),
            ("Domain", "DomainType"),
            ("NetworkInterfaceId", "String"),
            ("NetworkInterfaceOwnerId", "String"),
            ("PrivateIpAddress", "String"),
            ("Tags", "TagList"),
            ("PublicIpv4Pool", "String"),
            ("NetworkBorderGroup", "String"),
            ("CustomerOwnedIp", "String"),
            ("CustomerOwnedIpv4Pool", "String"),
            ("CarrierIp", "String"),
            ("SubnetId", "String"),
            ("ServiceManaged", "ServiceManaged"),
            ("InstanceId", "String"),
            ("PublicIp", "String"),
        ],
    ),
    (
        "AllocateAddressResult",
        &[
            ("AllocationId", "String"),
            ("PublicIpv4Pool", "String"),
            ("NetworkBorderGroup", "String"),
            ("Domain", "DomainType"),
            ("CustomerOwnedIp", "String"),
            ("CustomerOwnedIpv4Pool", "String"),
            ("CarrierIp", "String"),
            ("PublicIp", "String"),
        ],
    ),
    (
        "AlternatePathHint",
        &[("ComponentId", "String"), ("ComponentArn", "String")],
    ),
    (
        "AnalysisAclRule",
        &[
            ("Cidr", "String"),
            ("Egress", "Boolean"),
            ("PortRange", "PortRange"),
            ("Protocol", "String"),
            ("RuleAction", "String"),
            ("RuleNumber", "Integer"),
        ],
    ),
    (
        "AnalysisComponent",
        &[("Id", "String"), ("Arn", "String"), ("Name", "String")],
    ),
    (
        "AnalysisLoadBalancerListener",
        &[("LoadBalancerPort", "Port"), ("InstancePort", "Port")],
    ),
    (
        "AnalysisLoadBalancerTarget",
        &[
            ("Address", "IpAddress"),
            ("AvailabilityZone", "String"),
            ("AvailabilityZoneId", "String"),
            ("Instance", "AnalysisComponent"),
            ("Port", "Port"),
        ],
    ),
    (
        "AnalysisPacketHeader",
        &[
            ("DestinationAddresses", "IpAddressList"),
            ("DestinationPortRanges", "PortRangeList"),
            ("Protocol", "String"),
            ("SourceAddresses", "IpAddressList"),
            ("SourcePortRanges", "PortRangeList"),
        ],
    ),
    (
        "AnalysisRouteTableRoute",
        &[
            ("DestinationCidr", "String"),
            ("DestinationPrefixListId", "String"),
            ("EgressOnlyInternetGatewayId", "String"),
            ("GatewayId", "String"),
            ("InstanceId", "String"),
            ("NatGatewayId", "String"),
            ("NetworkInterfaceId", "String"),
            ("Origin", "String"),
            ("TransitGatewayId", "String"),
            ("VpcPeeringConnectionId", "String"),
            ("State", "String"),
            ("CarrierGatewayId", "String"),
            ("CoreNetworkArn", "ResourceArn"),
            ("LocalGatewayId", "String"),
        ],
    ),
    (
        "AnalysisSecurityGroupRule",
        &[
            ("Cidr", "String"),
            ("Direction", "String"),
            ("SecurityGroupId", "String"),
            ("PortRange", "PortRange"),
            ("PrefixListId", "String"),
            ("Protocol", "String"),
        ],
    ),
    (
        "AnalysisTransitGatewayPolicyTableEntry",
        &[
            ("RuleNumber", "Integer"),
            ("Protocol", "String"),
            ("SourceCidr", "String"),
            ("DestinationCidr", "String"),
            ("SourcePortRange", "PortRange"),
            ("DestinationPortRange", "PortRange"),
            ("TargetRouteTableId", "String"),
        ],
    ),
    ("AssociateAddressResult", &[("AssociationId", "String")]),
    (
        "AssociateRouteTableResult",
        &[
            ("AssociationId", "String"),
            ("AssociationState", "RouteTableAssociationState"),
        ],
    ),
    (
        "AssociateVpcCidrBlockResult",
        &[
            ("Ipv6CidrBlockAssociation", "VpcIpv6CidrBlockAssociation"),
            ("CidrBlockAssociation", "VpcCidrBlockAssociation"),
            ("VpcId", "String"),
        ],
    ),
    ("AttributeBooleanValue", &[("Value", "Boolean")]),
    (
        "AuthorizeSecurityGroupEgressResult",
        &[
            ("Return", "Boolean"),
            ("SecurityGroupRules", "SecurityGroupRuleList"),
        ],
    ),
    (
        "AuthorizeSecurityGroupIngressResult",
        &[
            ("Return", "Boolean"),
            ("SecurityGroupRules", "SecurityGroupRuleList"),
        ],
    ),
    (
        "AvailabilityZone",
        &[
            ("OptInStatus", "AvailabilityZoneOptInStatus"),
            ("Messages", "AvailabilityZoneMessageList"),
            ("RegionName", "String"),
            ("ZoneName", "String"),
            ("ZoneId", "String"),
            ("GroupName", "String"),
            ("NetworkBorderGroup", "String"),
            ("ZoneType", "String"),
            ("ParentZoneName", "String"),
            ("ParentZoneId", "String"),
            ("GroupLongName", "String"),
            ("Geography", "AvailabilityZoneGeographyList"),
            ("SubGeography", "AvailabilityZoneSubGeographyList"),
            ("State", "AvailabilityZoneState"),
        ],
    ),
    ("AvailabilityZoneGeography", &[("Name", "String")]),
    ("AvailabilityZoneMessage", &[("Message", "String")]),
    ("AvailabilityZoneSubGeography", &[("Name", "String")]),
    (
        "BlockPublicAccessStates",
        &[("InternetGatewayBlockMode", "BlockPublicAccessMode")],
    ),
    (
        "CapacityReservationSpecificationResponse",
        &[
            (
                "CapacityReservationPreference",
                "CapacityReservationPreference",
            ),
            (
                "CapacityReservationTarget",
                "CapacityReservationTargetResponse",
            ),
        ],
    ),
    (
        "CapacityReservationTargetResponse",
        &[
            ("CapacityReservationId", "String"),
            ("CapacityReservationResourceGroupArn", "String"),
        ],
    ),
    (
        "ConnectionTrackingSpecificationResponse",
        &[
            ("TcpEstablishedTimeout", "Integer"),
            ("UdpStreamTimeout", "Integer"),
            ("UdpTimeout", "Integer"),
        ],
    ),
    (
        "CpuOptions",
        &[
            ("CoreCount", "Integer"),
            ("ThreadsPerCore", "Integer"),
            ("AmdSevSnp", "AmdSevSnpSpecification"),
            ("NestedVirtualization", "NestedVirtualizationSpecification"),
        ],
    ),
    (
        "CreateInternetGatewayResult",
        &[("InternetGateway", "InternetGateway")],
    ),
    (
        "CreateNatGatewayResult",
        &[("ClientToken", "String"), ("NatGateway", "NatGateway")],
    ),
    (
        "CreateNetworkAclResult",
        &[("NetworkAcl", "NetworkAcl"), ("ClientToken", "String")],
    ),
    (
        "CreateNetworkInsightsPathResult",
        &[("NetworkInsightsPath", "NetworkInsightsPath")],
    ),
    ("CreateRouteResult", &[("Return", "Boolean")]),
    (
        "CreateRouteTableResult",
        &[("RouteTable", "RouteTable"), ("ClientToken", "String")],
    ),
    (
        "CreateSecurityGroupResult",
        &[
            ("GroupId", "String"),
            ("Tags", "TagList"),
            ("SecurityGroupArn", "String"),
        ],
    ),
    ("CreateSubnetResult", &[("Subnet", "Subnet")]),
    ("CreateVpcResult", &[("Vpc", "Vpc")]),
    ("DeleteNatGatewayResult", &[("NatGatewayId", "String")]),
    (
        "DeleteNetworkInsightsPathResult",
        &[("NetworkInsightsPathId", "NetworkInsightsPathId")],
    ),
    (
        "DeleteSecurityGroupResult",
        &[("Return", "Boolean"), ("GroupId", "SecurityGroupId")],
    ),
    ("DescribeAddressesResult", &[("Addresses", "AddressList")]),
    (
        "DescribeAvailabilityZonesResult",
        &[("AvailabilityZones", "AvailabilityZoneList")],
    ),
    (
        "DescribeInstancesResult",
        &[("NextToken", "String"), ("Reservations", "ReservationList")],
    ),
    (
        "DescribeInternetGatewaysResult",
        &[
            ("InternetGateways", "InternetGatewayList"),
            ("NextToken", "String"),
        ],
    ),
    (
        "DescribeNatGatewaysResult",
        &[("NatGateways", "NatGatewayList"), ("NextToken", "String")],
    ),
    (
        "DescribeNetworkAclsResult",
        &[("NetworkAcls", "NetworkAclList"), ("NextToken", "String")],
    ),
    (
        "DescribeNetworkInsightsAnalysesResult",
        &[
            ("NetworkInsightsAnalyses", "NetworkInsightsAnalysisList"),
            ("NextToken", "String"),
        ],
    ),
    (
        "DescribeNetworkInsightsPathsResult",
        &[
            ("NetworkInsightsPaths", "NetworkInsightsPathList"),
            ("NextToken", "String"),
        ],
    ),
    ("DescribeRegionsResult", &[("Regions", "RegionList")]),
    (
        "DescribeRouteTablesResult",
        &[("RouteTables", "RouteTableList"), ("NextToken", "String")],
    ),
    (
        "DescribeSecurityGroupRulesResult",
        &[
            ("SecurityGroupRules", "SecurityGroupRuleList"),
            ("NextToken", "String"),
        ],
    ),
    (
        "DescribeSecurityGroupsResult",
        &[
            ("NextToken", "String"),
            ("SecurityGroups", "SecurityGroupList"),
        ],
    ),
    (
        "DescribeSubnetsResult",
        &[("NextToken", "String"), ("Subnets", "SubnetList")],
    ),
    (
        "DescribeTagsResult",
        &[("NextToken", "String"), ("Tags", "TagDescriptionList")],
    ),
    (
        "DescribeVpcAttributeResult",
        &[
            ("EnableDnsHostnames", "AttributeBooleanValue"),
            ("EnableDnsSupport", "AttributeBooleanValue"),
            ("EnableNetworkAddressUsageMetrics", "AttributeBooleanValue"),
            ("VpcId", "String"),
        ],
    ),
    (
        "DescribeVpcsResult",
        &[("NextToken", "String"), ("Vpcs", "VpcList")],
    ),
    (
        "EbsInstanceBlockDevice",
        &[
            ("AttachTime", "DateTime"),
            ("DeleteOnTermination", "Boolean"),
            ("Status", "AttachmentStatus"),
            ("VolumeId", "String"),
            ("AssociatedResource", "String"),
            ("VolumeOwnerId", "String"),
            ("Operator", "OperatorResponse"),
            ("EbsCardIndex", "Integer"),
        ],
    ),
    (
        "ElasticGpuAssociation",
        &[
            ("ElasticGpuId", "ElasticGpuId"),
            ("ElasticGpuAssociationId", "String"),
            ("ElasticGpuAssociationState", "String"),
            ("ElasticGpuAssociationTime", "String"),
        ],
    ),
    (
        "ElasticInferenceAcceleratorAssociation",
        &[
            ("ElasticInferenceAcceleratorArn", "String"),
            ("ElasticInferenceAcceleratorAssociationId", "String"),
            ("ElasticInferenceAcceleratorAssociationState", "String"),
            ("ElasticInferenceAcceleratorAssociationTime", "DateTime"),
        ],
    ),
    ("EnclaveOptions", &[("Enabled", "Boolean")]),
    (
        "Explanation",
        &[
            ("Acl", "AnalysisComponent"),
            ("AclRule", "AnalysisAclRule"),
            ("Address", "IpAddress"),
            ("Addresses", "IpAddressList"),
            ("AttachedTo", "AnalysisComponent"),
            ("AvailabilityZones", "ValueStringList"),
            ("AvailabilityZoneIds", "ValueStringList"),
            ("Cidrs", "ValueStringList"),
            ("Component", "AnalysisComponent"),
            ("CustomerGateway", "AnalysisComponent"),
            ("Destination", "AnalysisComponent"),
            ("DestinationVpc", "AnalysisComponent"),
            ("Direction", "String"),
            ("ExplanationCode", "String"),
            ("IngressRouteTable", "AnalysisComponent"),
            ("InternetGateway", "AnalysisComponent"),
            ("LoadBalancerArn", "ResourceArn"),
            (
                "ClassicLoadBalancerListener",
                "AnalysisLoadBalancerListener",
            ),
            ("LoadBalancerListenerPort", "Port"),
            ("LoadBalancerTarget", "AnalysisLoadBalancerTarget"),
            ("LoadBalancerTargetGroup", "AnalysisComponent"),
            ("LoadBalancerTargetGroups", "AnalysisComponentList"),
            ("LoadBalancerTargetPort", "Port"),
            ("ElasticLoadBalancerListener", "AnalysisComponent"),
            ("MissingComponent", "String"),
            ("NatGateway", "AnalysisComponent"),
            ("NetworkInterface", "AnalysisComponent"),
            ("PacketField", "String"),
            ("VpcPeeringConnection", "AnalysisComponent"),
            ("Port", "Port"),
            ("PortRanges", "PortRangeList"),
            ("PrefixList", "AnalysisComponent"),
            ("Protocols", "StringList"),
            ("RouteTableRoute", "AnalysisRouteTableRoute"),
            ("RouteTable", "AnalysisComponent"),
            ("SecurityGroup", "AnalysisComponent"),
            ("SecurityGroupRule", "AnalysisSecurityGroupRule"),
            ("SecurityGroups", "AnalysisComponentList"),
            ("SourceVpc", "AnalysisComponent"),
            ("State", "String"),
            ("Subnet", "AnalysisComponent"),
            ("SubnetRouteTable", "AnalysisComponent"),
            ("Vpc", "AnalysisComponent"),
            ("VpcEndpoint", "AnalysisComponent"),
            ("VpnConnection", "AnalysisComponent"),
            ("VpnGateway", "AnalysisComponent"),
            ("TransitGateway", "AnalysisComponent"),
            ("TransitGatewayRouteTable", "AnalysisComponent"),
            (
                "TransitGatewayRouteTableRoute",
                "TransitGatewayRouteTableRoute",
            ),
            ("TransitGatewayPolicyTable", "AnalysisComponent"),
            (
                "TransitGatewayPolicyTableEntry",
                "AnalysisTransitGatewayPolicyTableEntry",
            ),
            ("TransitGatewayAttachment", "AnalysisComponent"),
            ("ComponentAccount", "ComponentAccount"),
            ("ComponentRegion", "ComponentRegion"),
            ("FirewallStatelessRule", "FirewallStatelessRule"),
            ("FirewallStatefulRule", "FirewallStatefulRule"),
        ],
    ),
    (
        "FilterPortRange",
        &[("FromPort", "Port"), ("ToPort", "Port")],
    ),
    (
        "FirewallStatefulRule",
        &[
            ("RuleGroupArn", "ResourceArn"),
            ("Sources", "ValueStringList"),
            ("Destinations", "ValueStringList"),
            ("SourcePorts", "PortRangeList"),
            ("DestinationPorts", "PortRangeList"),
            ("Protocol", "String"),
            ("RuleAction", "String"),
            ("Direction", "String"),
        ],
    ),
    (
        "FirewallStatelessRule",
        &[
            ("RuleGroupArn", "ResourceArn"),
            ("Sources", "ValueStringList"),
            ("Destinations", "ValueStringList"),
            ("SourcePorts", "PortRangeList"),
            ("DestinationPorts", "PortRangeList"),
            ("Protocols", "ProtocolIntList"),
            ("RuleAction", "String"),
            ("Priority", "Priority"),
        ],
    ),
    (
        "GroupIdentifier",
        &[("GroupId", "String"), ("GroupName", "String")],
    ),
    ("HibernationOptions", &[("Configured", "Boolean")]),
    ("IamInstanceProfile", &[("Arn", "String"), ("Id", "String")]),
    ("IcmpTypeCode", &[("Code", "Integer"), ("Type", "Integer")]),
    (
        "Instance",
        &[
            ("Architecture", "ArchitectureValues"),
            ("BlockDeviceMappings", "InstanceBlockDeviceMappingList"),
            ("ClientToken", "String"),
            ("EbsOptimized", "Boolean"),
            ("EnaSupport", "Boolean"),
            ("Hypervisor", "HypervisorType"),
            ("IamInstanceProfile", "IamInstanceProfile"),
            ("InstanceLifecycle", "InstanceLifecycleType"),
            ("ElasticGpuAssociations", "ElasticGpuAssociationList"),
            (
                "ElasticInferenceAcceleratorAssociations",
                "ElasticInferenceAcceleratorAssociationList",
            ),
            ("NetworkInterfaces", "InstanceNetworkInterfaceList"),
            ("OutpostArn", "String"),
            ("RootDeviceName", "String"),
            ("RootDeviceType", "DeviceType"),
            ("SecurityGroups", "GroupIdentifierList"),
            ("SourceDestCheck", "Boolean"),
            ("SpotInstanceRequestId", "String"),
            ("SriovNetSupport", "String"),
            ("StateReason", "StateReason"),
            ("Tags", "TagList"),
            ("VirtualizationType", "VirtualizationType"),
            ("CpuOptions", "CpuOptions"),
            ("CapacityBlockId", "String"),
            ("CapacityReservationId", "String"),
            (
                "CapacityReservationSpecification",
                "CapacityReservationSpecificationResponse",
            ),
            ("HibernationOptions", "HibernationOptions"),
            ("Licenses", "LicenseList"),
            ("MetadataOptions", "InstanceMetadataOptionsResponse"),
            ("EnclaveOptions", "EnclaveOptions"),
            ("BootMode", "BootModeValues"),
            ("PlatformDetails", "String"),
            ("UsageOperation", "String"),
            ("UsageOperationUpdateTime", "MillisecondDateTime"),
            ("PrivateDnsNameOptions", "PrivateDnsNameOptionsResponse"),
            ("Ipv6Address", "String"),
            ("TpmSupport", "String"),
            ("MaintenanceOptions", "InstanceMaintenanceOptions"),
            ("CurrentInstanceBootMode", "InstanceBootModeValues"),
            (
                "NetworkPerformanceOptions",
                "InstanceNetworkPerformanceOptions",
            ),
            ("Operator", "OperatorResponse"),
            ("SecondaryInterfaces", "InstanceSecondaryInterfaceList"),
            ("InstanceId", "String"),
            ("ImageId", "String"),
            ("State", "InstanceState"),
            ("PrivateDnsName", "String"),
            ("PublicDnsName", "String"),
            ("StateTransitionReason", "String"),
            ("KeyName", "String"),
            ("AmiLaunchIndex", "Integer"),
            ("ProductCodes", "ProductCodeList"),
            ("InstanceType", "InstanceType"),
            ("LaunchTime", "DateTime"),
            ("Placement", "Placement"),
            ("KernelId", "String"),
            ("RamdiskId", "String"),
            ("Platform", "PlatformValues"),
            ("Monitoring", "Monitoring"),
            ("SubnetId", "String"),
            ("VpcId", "String"),
            ("PrivateIpAddress", "String"),
            ("PublicIpAddress", "String"),
        ],
    ),
    (
        "InstanceAttachmentEnaSrdSpecification",
        &[
            ("EnaSrdEnabled", "Boolean"),
            (
                "EnaSrdUdpSpecification",
                "InstanceAttachmentEnaSrdUdpSpecification",
            ),
        ],
    ),
    (
        "InstanceAttachmentEnaSrdUdpSpecification",
        &[("EnaSrdUdpEnabled", "Boolean")],
    ),
    (
        "InstanceBlockDeviceMapping",
        &[("DeviceName", "String"), ("Ebs", "EbsInstanceBlockDevice")],
    ),
    ("InstanceIpv4Prefix", &[("Ipv4Prefix", "String")]),
    (
        "InstanceIpv6Address",
        &[("Ipv6Address", "String"), ("IsPrimaryIpv6", "Boolean")],
    ),
    ("InstanceIpv6Prefix", &[("Ipv6Prefix", "String")]),
    (
        "InstanceMaintenanceOptions",
        &[
            ("AutoRecovery", "InstanceAutoRecoveryState"),
            ("RebootMigration", "InstanceRebootMigrationState"),
        ],
    ),
    (
        "InstanceMetadataOptionsResponse",
        &[
            ("State", "InstanceMetadataOptionsState"),
            ("HttpTokens", "HttpTokensState"),
            ("HttpPutResponseHopLimit", "Integer"),
            ("HttpEndpoint", "InstanceMetadataEndpointState"),
            ("HttpProtocolIpv6", "InstanceMetadataProtocolState"),
            ("InstanceMetadataTags", "InstanceMetadataTagsState"),
        ],
    ),
    (
        "InstanceNetworkInterface",
        &[
            ("Association", "InstanceNetworkInterfaceAssociation"),
            ("Attachment", "InstanceNetworkInterfaceAttachment"),
            ("Description", "String"),
            ("Groups", "GroupIdentifierList"),
            ("Ipv6Addresses", "InstanceIpv6AddressList"),
            ("MacAddress", "String"),
            ("NetworkInterfaceId", "String"),
            ("OwnerId", "String"),
            ("PrivateDnsName", "String"),
            ("PrivateIpAddress", "String"),
            ("PrivateIpAddresses", "InstancePrivateIpAddressList"),
            ("SourceDestCheck", "Boolean"),
            ("Status", "NetworkInterfaceStatus"),
            ("SubnetId", "String"),
            ("VpcId", "String"),
            ("InterfaceType", "String"),
            ("Ipv4Prefixes", "InstanceIpv4PrefixList"),
            ("Ipv6Prefixes", "InstanceIpv6PrefixList"),
            (
                "ConnectionTrackingConfiguration",
                "ConnectionTrackingSpecificationResponse",
            ),
            ("Operator", "OperatorResponse"),
        ],
    ),
    (
        "InstanceNetworkInterfaceAssociation",
        &[
            ("CarrierIp", "String"),
            ("CustomerOwnedIp", "String"),
            ("IpOwnerId", "String"),
            ("PublicDnsName", "String"),
            ("PublicIp", "String"),
        ],
    ),
    (
        "InstanceNetworkInterfaceAttachment",
        &[
            ("AttachTime", "DateTime"),
            ("AttachmentId", "String"),
            ("DeleteOnTermination", "Boolean"),
            ("DeviceIndex", "Integer"),
            ("Status", "AttachmentStatus"),
            ("NetworkCardIndex", "Integer"),
            (
                "EnaSrdSpecification",
                "InstanceAttachmentEnaSrdSpecification",
            ),
            ("EnaQueueCount", "Integer"),
        ],
    ),
    (
        "InstanceNetworkPerformanceOptions",
        &[("BandwidthWeighting", "InstanceBandwidthWeighting")],
    ),
    (
        "InstancePrivateIpAddress",
        &[
            ("Association", "InstanceNetworkInterfaceAssociation"),
            ("Primary", "Boolean"),
            ("PrivateDnsName", "String"),
            ("PrivateIpAddress", "String"),
        ],
    ),
    (
        "InstanceSecondaryInterface",
        &[
            ("Attachment", "InstanceSecondaryInterfaceAttachment"),
            ("MacAddress", "String"),
            ("SecondaryInterfaceId", "SecondaryInterfaceId"),
            ("OwnerId", "String"),
            (
                "PrivateIpAddresses",
                "InstanceSecondaryInterfacePrivateIpAddressList",
            ),
            ("SourceDestCheck", "Boolean"),
            ("Status", "SecondaryInterfaceStatus"),
            ("SecondarySubnetId", "SecondarySubnetId"),
            ("SecondaryNetworkId", "SecondaryNetworkId"),
            ("InterfaceType", "SecondaryInterfaceType"),
        ],
    ),
    (
        "InstanceSecondaryInterfaceAttachment",
        &[
            ("AttachTime", "MillisecondDateTime"),
            ("AttachmentId", "String"),
            ("DeleteOnTermination", "Boolean"),
            ("DeviceIndex", "Integer"),
            ("Status", "AttachmentStatus"),
            ("NetworkCardIndex", "Integer"),
        ],
    ),
    (
        "InstanceSecondaryInterfacePrivateIpAddress",
        &[("PrivateIpAddress", "String")],
    ),
    (
        "InstanceState",
        &[("Code", "Integer"), ("Name", "InstanceStateName")],
    ),
    (
        "InstanceStateChange",
        &[
            ("InstanceId", "String"),
            ("CurrentState", "InstanceState"),
            ("PreviousState", "InstanceState"),
        ],
    ),
    (
        "InternetGateway",
        &[
            ("Attachments", "InternetGatewayAttachmentList"),
            ("InternetGatewayId", "String"),
            ("OwnerId", "String"),
            ("Tags", "TagList"),
        ],
    ),
    (
        "InternetGatewayAttachment",
        &[("State", "AttachmentStatus"), ("VpcId", "String")],
    ),
    (
        "IpPermission",
        &[
            ("IpProtocol", "String"),
            ("FromPort", "Integer"),
            ("ToPort", "Integer"),
            ("UserIdGroupPairs", "UserIdGroupPairList"),
            ("IpRanges", "IpRangeList"),
            ("Ipv6Ranges", "Ipv6RangeList"),
            ("PrefixListIds", "PrefixListIdList"),
        ],
    ),
    (
        "IpRange",
        &[("Description", "String"), ("CidrIp", "String")],
    ),
    (
        "Ipv6Range",
        &[("Description", "String"), ("CidrIpv6", "String")],
    ),
    (
        "LicenseConfiguration",
        &[("LicenseConfigurationArn", "String")],
    ),
    (
        "Monitoring",
        &[
            ("MetricCategoryIds", "MetricCategoryIdList"),
            ("State", "MonitoringState"),
        ],
    ),
    (
        "NatGateway",
        &[
            ("CreateTime", "DateTime"),
            ("DeleteTime", "DateTime"),
            ("FailureCode", "String"),
            ("FailureMessage", "String"),
            ("NatGatewayAddresses", "NatGatewayAddressList"),
            ("NatGatewayId", "String"),
            ("ProvisionedBandwidth", "ProvisionedBandwidth"),
            ("State", "NatGatewayState"),
            ("SubnetId", "String"),
            ("VpcId", "String"),
            ("Tags", "TagList"),
            ("ConnectivityType", "ConnectivityType"),
            ("AvailabilityMode", "AvailabilityMode"),
            ("AutoScalingIps", "AutoScalingIpsState"),
            ("AutoProvisionZones", "AutoProvisionZonesState"),
            ("AttachedAppliances", "NatGatewayAttachedApplianceList"),
            ("RouteTableId", "String"),
        ],
    ),
    (
        "NatGatewayAddress",
        &[
            ("AllocationId", "String"),
            ("NetworkInterfaceId", "String"),
            ("PrivateIp", "String"),
            ("PublicIp", "String"),
            ("AssociationId", "String"),
            ("IsPrimary", "Boolean"),
            ("FailureMessage", "String"),
            ("Status", "NatGatewayAddressStatus"),
            ("AvailabilityZone", "AvailabilityZoneName"),
            ("AvailabilityZoneId", "AvailabilityZoneId"),
        ],
    ),
    (
        "NatGatewayAttachedAppliance",
        &[
            ("Type", "NatGatewayApplianceType"),
            ("ApplianceArn", "String"),
            ("VpcEndpointId", "String"),
            ("AttachmentState", "NatGatewayApplianceState"),
            ("ModificationState", "NatGatewayApplianceModifyState"),
            ("FailureCode", "String"),
            ("FailureMessage", "String"),
        ],
    ),
    (
        "NetworkAcl",
        &[
            ("Associations", "NetworkAclAssociationList"),
            ("Entries", "NetworkAclEntryList"),
            ("IsDefault", "Boolean"),
            ("NetworkAclId", "String"),
            ("Tags", "TagList"),
            ("VpcId", "String"),
            ("OwnerId", "String"),
        ],
    ),
    (
        "NetworkAclAssociation",
        &[
            ("NetworkAclAssociationId", "String"),
            ("NetworkAclId", "String"),
            ("SubnetId", "String"),
        ],
    ),
    (
        "NetworkAclEntry",
        &[
            ("CidrBlock", "String"),
            ("Egress", "Boolean"),
            ("IcmpTypeCode", "IcmpTypeCode"),
            ("Ipv6CidrBlock", "String"),
            ("PortRange", "PortRange"),
            ("Protocol", "String"),
            ("RuleAction", "RuleAction"),
            ("RuleNumber", "Integer"),
        ],
    ),
    (
        "NetworkInsightsAnalysis",
        &[
            ("NetworkInsightsAnalysisId", "NetworkInsightsAnalysisId"),
            ("NetworkInsightsAnalysisArn", "ResourceArn"),
            ("NetworkInsightsPathId", "NetworkInsightsPathId"),
            ("AdditionalAccounts", "ValueStringList"),
            ("FilterInArns", "ArnList"),
            ("FilterOutArns", "ArnList"),
            ("StartDate", "MillisecondDateTime"),
            ("Status", "AnalysisStatus"),
            ("StatusMessage", "String"),
            ("WarningMessage", "String"),
            ("NetworkPathFound", "Boolean"),
            ("ForwardPathComponents", "PathComponentList"),
            ("ReturnPathComponents", "PathComponentList"),
            ("Explanations", "ExplanationList"),
            ("AlternatePathHints", "AlternatePathHintList"),
            ("SuggestedAccounts", "ValueStringList"),
            ("Tags", "TagList"),
        ],
    ),
    (
        "NetworkInsightsPath",
        &[
            ("NetworkInsightsPathId", "NetworkInsightsPathId"),
            ("NetworkInsightsPathArn", "ResourceArn"),
            ("CreatedDate", "MillisecondDateTime"),
            ("Source", "String"),
            ("Destination", "String"),
            ("SourceArn", "ResourceArn"),
            ("DestinationArn", "ResourceArn"),
            ("SourceIp", "IpAddress"),
            ("DestinationIp", "IpAddress"),
            ("Protocol", "Protocol"),
            ("DestinationPort", "Integer"),
            ("Tags", "TagList"),
            ("FilterAtSource", "PathFilter"),
            ("FilterAtDestination", "PathFilter"),
        ],
    ),
    (
        "OperatorResponse",
        &[
            ("Managed", "Boolean"),
            ("Principal", "String"),
            ("HiddenByDefault", "Boolean"),
        ],
    ),
    (
        "PathComponent",
        &[
            ("SequenceNumber", "Integer"),
            ("AclRule", "AnalysisAclRule"),
            ("AttachedTo", "AnalysisComponent"),
            ("Component", "AnalysisComponent"),
            ("DestinationVpc", "AnalysisComponent"),
            ("OutboundHeader", "AnalysisPacketHeader"),
            ("InboundHeader", "AnalysisPacketHeader"),
            ("RouteTableRoute", "AnalysisRouteTableRoute"),
            ("SecurityGroupRule", "AnalysisSecurityGroupRule"),
            ("SourceVpc", "AnalysisComponent"),
            ("Subnet", "AnalysisComponent"),
            ("Vpc", "AnalysisComponent"),
            ("AdditionalDetails", "AdditionalDetailList"),
            ("TransitGateway", "AnalysisComponent"),
            (
                "TransitGatewayRouteTableRoute",
                "TransitGatewayRouteTableRoute",
            ),
            (
                "TransitGatewayPolicyTableEntry",
                "AnalysisTransitGatewayPolicyTableEntry",
            ),
            ("Explanations", "ExplanationList"),
            ("ElasticLoadBalancerListener", "AnalysisComponent"),
            ("FirewallStatelessRule", "FirewallStatelessRule"),
            ("FirewallStatefulRule", "FirewallStatefulRule"),
            ("ServiceName", "String"),
        ],
    ),
    (
        "PathFilter",
        &[
            ("SourceAddress", "IpAddress"),
            ("SourcePortRange", "FilterPortRange"),
            ("DestinationAddress", "IpAddress"),
            ("DestinationPortRange", "FilterPortRange"),
        ],
    ),
    (
        "Placement",
        &[
            ("AvailabilityZoneId", "AvailabilityZoneId"),
            ("Affinity", "String"),
            ("GroupName", "PlacementGroupName"),
            ("PartitionNumber", "Integer"),
            ("HostId", "String"),
            ("Tenancy", "Tenancy"),
            ("SpreadDomain", "String"),
            ("HostResourceGroupArn", "String"),
            ("GroupId", "PlacementGroupId"),
            ("AvailabilityZone", "String"),
        ],
    ),
    ("PortRange", &[("From", "Integer"), ("To", "Integer")]),
    (
        "PrefixListId",
        &[("Description", "String"), ("PrefixListId", "String")],
    ),
    (
        "PrivateDnsNameOptionsOnLaunch",
        &[
            ("HostnameType", "HostnameType"),
            ("EnableResourceNameDnsARecord", "Boolean"),
            ("EnableResourceNameDnsAAAARecord", "Boolean"),
        ],
    ),
    (
        "PrivateDnsNameOptionsResponse",
        &[
            ("HostnameType", "HostnameType"),
            ("EnableResourceNameDnsARecord", "Boolean"),
            ("EnableResourceNameDnsAAAARecord", "Boolean"),
        ],
    ),
    (
        "ProductCode",
        &[
            ("ProductCodeId", "String"),
            ("ProductCodeType", "ProductCodeValues"),
        ],
    ),
    ("PropagatingVgw", &[("GatewayId", "String")]),
    (
        "ProvisionedBandwidth",
        &[
            ("ProvisionTime", "DateTime"),
            ("Provisioned", "String"),
            ("RequestTime", "DateTime"),
            ("Requested", "String"),
            ("Status", "String"),
        ],
    ),
    (
        "ReferencedSecurityGroup",
        &[
            ("GroupId", "String"),
            ("PeeringStatus", "String"),
            ("UserId", "String"),
            ("VpcId", "String"),
            ("VpcPeeringConnectionId", "String"),
        ],
    ),
    (
        "Region",
        &[
            ("OptInStatus", "String"),
            ("Geography", "RegionGeographyList"),
            ("RegionName", "String"),
            ("Endpoint", "String"),
        ],
    ),
    ("RegionGeography", &[("Name", "String")]),
    (
        "ReplaceNetworkAclAssociationResult",
        &[("NewAssociationId", "String")],
    ),
    (
        "ReplaceRouteTableAssociationResult",
        &[
            ("NewAssociationId", "String"),
            ("AssociationState", "RouteTableAssociationState"),
        ],
    ),
    (
        "Reservation",
        &[
            ("ReservationId", "String"),
            ("OwnerId", "String"),
            ("RequesterId", "String"),
            ("Groups", "GroupIdentifierList"),
            ("Instances", "InstanceList"),
        ],
    ),
    (
        "RevokeSecurityGroupEgressResult",
        &[
            ("Return", "Boolean"),
            ("UnknownIpPermissions", "IpPermissionList"),
            ("RevokedSecurityGroupRules", "RevokedSecurityGroupRuleList"),
        ],
    ),
    (
        "RevokeSecurityGroupIngressResult",
        &[
            ("Return", "Boolean"),
            ("UnknownIpPermissions", "IpPermissionList"),
            ("RevokedSecurityGroupRules", "RevokedSecurityGroupRuleList"),
        ],
    ),
    (
        "RevokedSecurityGroupRule",
        &[
            ("SecurityGroupRuleId", "SecurityGroupRuleId"),
            ("GroupId", "SecurityGroupId"),
            ("IsEgress", "Boolean"),
            ("IpProtocol", "String"),
            ("FromPort", "Integer"),
            ("ToPort", "Integer"),
            ("CidrIpv4", "String"),
            ("CidrIpv6", "String"),
            ("PrefixListId", "PrefixListResourceId"),
            ("ReferencedGroupId", "SecurityGroupId"),
            ("Description", "String"),
        ],
    ),
    (
        "Route",
        &[
            ("DestinationCidrBlock", "String"),
            ("DestinationIpv6CidrBlock", "String"),
            ("DestinationPrefixListId", "String"),
            ("EgressOnlyInternetGatewayId", "String"),
            ("GatewayId", "String"),
            ("InstanceId", "String"),
            ("InstanceOwnerId", "String"),
            ("NatGatewayId", "String"),
            ("TransitGatewayId", "String"),
            ("LocalGatewayId", "String"),
            ("CarrierGatewayId", "CarrierGatewayId"),
            ("NetworkInterfaceId", "String"),
            ("Origin", "RouteOrigin"),
            ("State", "RouteState"),
            ("VpcPeeringConnectionId", "String"),
            ("CoreNetworkArn", "CoreNetworkArn"),
            ("OdbNetworkArn", "OdbNetworkArn"),
            ("IpAddress", "String"),
        ],
    ),
    (
        "RouteTable",
        &[
            ("Associations", "RouteTableAssociationList"),
            ("PropagatingVgws", "PropagatingVgwList"),
            ("RouteTableId", "String"),
            ("Routes", "RouteList"),
            ("Tags", "TagList"),
            ("VpcId", "String"),
            ("OwnerId", "String"),
        ],
    ),
    (
        "RouteTableAssociation",
        &[
            ("Main", "Boolean"),
            ("RouteTableAssociationId", "String"),
            ("RouteTableId", "String"),
            ("SubnetId", "String"),
            ("GatewayId", "String"),
            ("PublicIpv4Pool", "String"),
            ("AssociationState", "RouteTableAssociationState"),
        ],
    ),
    (
        "RouteTableAssociationState",
        &[
            ("State", "RouteTableAssociationStateCode"),
            ("StatusMessage", "String"),
        ],
    ),
    (
        "RuleGroupRuleOptionsPair",
        &[
            ("RuleGroupArn", "ResourceArn"),
            ("RuleOptions", "RuleOptionList"),
        ],
    ),
    (
        "RuleGroupTypePair",
        &[("RuleGroupArn", "ResourceArn"), ("RuleGroupType", "String")],
    ),
    (
        "RuleOption",
        &[("Keyword", "String"), ("Settings", "StringList")],
    ),
    (
        "SecurityGroup",
        &[
            ("GroupId", "String"),
            ("IpPermissionsEgress", "IpPermissionList"),
            ("Tags", "TagList"),
            ("VpcId", "String"),
            ("SecurityGroupArn", "String"),
            ("OwnerId", "String"),
            ("GroupName", "String"),
            ("Description", "String"),
            ("IpPermissions", "IpPermissionList"),
        ],
    ),
    (
        "SecurityGroupRule",
        &[
            ("SecurityGroupRuleId", "SecurityGroupRuleId"),
            ("GroupId", "SecurityGroupId"),
            ("GroupOwnerId", "String"),
            ("IsEgress", "Boolean"),
            ("IpProtocol", "String"),
            ("FromPort", "Integer"),
            ("ToPort", "Integer"),
            ("CidrIpv4", "String"),
            ("CidrIpv6", "String"),
            ("PrefixListId", "PrefixListResourceId"),
            ("ReferencedGroupInfo", "ReferencedSecurityGroup"),
            ("Description", "String"),
            ("Tags", "TagList"),
            ("SecurityGroupRuleArn", "String"),
        ],
    ),
    (
        "StartNetworkInsightsAnalysisResult",
        &[("NetworkInsightsAnalysis", "NetworkInsightsAnalysis")],
    ),
    ("StateReason", &[("Code", "String"), ("Message", "String")]),
    (
        "Subnet",
        &[
            ("AvailabilityZoneId", "String"),
            ("EnableLniAtDeviceIndex", "Integer"),
            ("MapCustomerOwnedIpOnLaunch", "Boolean"),
            ("CustomerOwnedIpv4Pool", "CoipPoolId"),
            ("OwnerId", "String"),
            ("AssignIpv6AddressOnCreation", "Boolean"),
            (
                "Ipv6CidrBlockAssociationSet",
                "SubnetIpv6CidrBlockAssociationSet",
            ),
            ("Tags", "TagList"),
            ("SubnetArn", "String"),
            ("OutpostArn", "String"),
            ("EnableDns64", "Boolean"),
            ("Ipv6Native", "Boolean"),
            (
                "PrivateDnsNameOptionsOnLaunch",
                "PrivateDnsNameOptionsOnLaunch",
            ),
            ("BlockPublicAccessStates", "BlockPublicAccessStates"),
            ("Type", "String"),
            ("SubnetId", "String"),
            ("State", "SubnetState"),
            ("VpcId", "String"),
            ("CidrBlock", "String"),
            ("AvailableIpAddressCount", "Integer"),
            ("AvailabilityZone", "String"),
            ("DefaultForAz", "Boolean"),
            ("MapPublicIpOnLaunch", "Boolean"),
        ],
    ),
    (
        "SubnetCidrBlockState",
        &[
            ("State", "SubnetCidrBlockStateCode"),
            ("StatusMessage", "String"),
        ],
    ),
    (
        "SubnetIpv6CidrBlockAssociation",
        &[
            ("AssociationId", "SubnetCidrAssociationId"),
            ("Ipv6CidrBlock", "String"),
            ("Ipv6CidrBlockState", "SubnetCidrBlockState"),
            ("Ipv6AddressAttribute", "Ipv6AddressAttribute"),
            ("IpSource", "IpSource"),
        ],
    ),
    ("Tag", &[("Key", "String"), ("Value", "String")]),
    (
        "TagDescription",
        &[
            ("Key", "String"),
            ("ResourceId", "String"),
            ("ResourceType", "ResourceType"),
            ("Value", "String"),
        ],
    ),
    (
        "TerminateInstancesResult",
        &[("TerminatingInstances", "InstanceStateChangeList")],
    ),
    (
        "TransitGatewayRouteTableRoute",
        &[
            ("DestinationCidr", "String"),
            ("State", "String"),
            ("RouteOrigin", "String"),
            ("PrefixListId", "String"),
            ("AttachmentId", "String"),
            ("ResourceId", "String"),
            ("ResourceType", "String"),
        ],
    ),
    (
        "UserIdGroupPair",
        &[
            ("Description", "String"),
            ("UserId", "String"),
            ("GroupName", "String"),
            ("GroupId", "String"),
            ("VpcId", "String"),
            ("VpcPeeringConnectionId", "String"),
            ("PeeringStatus", "String"),
        ],
    ),
    (
        "Vpc",
        &[
            ("OwnerId", "String"),
            ("InstanceTenancy", "Tenancy"),
            (
                "Ipv6CidrBlockAssociationSet",
                "VpcIpv6CidrBlockAssociationSet",
            ),
            ("CidrBlockAssociationSet", "VpcCidrBlockAssociationSet"),
            ("IsDefault", "Boolean"),
            ("EncryptionControl", "VpcEncryptionControl"),
            ("Tags", "TagList"),
            ("BlockPublicAccessStates", "BlockPublicAccessStates"),
            ("VpcId", "String"),
            ("State", "VpcState"),
            ("CidrBlock", "String"),
            ("DhcpOptionsId", "String"),
        ],
    ),
    (
        "VpcCidrBlockAssociation",
        &[
            ("AssociationId", "String"),
            ("CidrBlock", "String"),
            ("CidrBlockState", "VpcCidrBlockState"),
        ],
    ),
    (
        "VpcCidrBlockState",
        &[
            ("State", "VpcCidrBlockStateCode"),
            ("StatusMessage", "String"),
        ],
    ),
    (
        "VpcEncryptionControl",
        &[
            ("VpcId", "VpcId"),
            ("VpcEncryptionControlId", "VpcEncryptionControlId"),
            ("Mode", "VpcEncryptionControlMode"),
            ("State", "VpcEncryptionControlState"),
            ("StateMessage", "String"),
            ("ResourceExclusions", "VpcEncryptionControlExclusions"),
            ("Tags", "TagList"),
        ],
    ),
    (
        "VpcEncryptionControlExclusion",
        &[
            ("State", "VpcEncryptionControlExclusionState"),
            ("StateMessage", "String"),
        ],
    ),
    (
        "VpcEncryptionControlExclusions",
        &[
            ("InternetGateway", "VpcEncryptionControlExclusion"),
            ("EgressOnlyInternetGateway", "VpcEncryptionControlExclusion"),
            ("NatGateway", "VpcEncryptionControlExclusion"),
            ("VirtualPrivateGateway", "VpcEncryptionControlExclusion"),
            ("VpcPeering", "VpcEncryptionControlExclusion"),
            ("Lambda", "VpcEncryptionControlExclusion"),
            ("VpcLattice", "VpcEncryptionControlExclusion"),
            ("ElasticFileSystem", "VpcEncryptionControlExclusion"),
            ("GlobalAccelerator", "VpcEncryptionControlExclusion"),
            ("ApiGatewayV2", "VpcEncryptionControlExclusion"),
        ],
    ),
    (
        "VpcIpv6CidrBlockAssociation",
        &[
            ("AssociationId", "String"),
            ("Ipv6CidrBlock", "String"),
            ("Ipv6CidrBlockState", "VpcCidrBlockState"),
            ("NetworkBorderGroup", "String"),
            ("Ipv6Pool", "String"),
            ("Ipv6AddressAttribute", "Ipv6AddressAttribute"),
            ("IpSource", "IpSource"),
        ],
    ),
    (
        "eks.ListClustersResponse",
        &[("clusters", "eks.StringList"), ("nextToken", "eks.String")],
    ),
    (
        "elbv2.AvailabilityZone",
        &[
            ("ZoneName", "elbv2.ZoneName"),
            ("SubnetId", "elbv2.SubnetId"),
            ("OutpostId", "elbv2.OutpostId"),
            ("LoadBalancerAddresses", "elbv2.LoadBalancerAddresses"),
            ("SourceNatIpv6Prefixes", "elbv2.SourceNatIpv6Prefixes"),
        ],
    ),
    (
        "elbv2.DescribeLoadBalancersOutput",
        &[
            ("LoadBalancers", "elbv2.LoadBalancers"),
            ("NextMarker", "elbv2.Marker"),
        ],
    ),
    ("elbv2.IpamPools", &[("Ipv4IpamPoolId", "elbv2.IpamPoolId")]),
    (
        "elbv2.LoadBalancer",
        &[
            ("LoadBalancerArn", "elbv2.LoadBalancerArn"),
            ("DNSName", "elbv2.DNSName"),
            ("CanonicalHostedZoneId", "elbv2.CanonicalHostedZoneId"),
            ("CreatedTime", "elbv2.CreatedTime"),
            ("LoadBalancerName", "elbv2.LoadBalancerName"),
            ("Scheme", "elbv2.LoadBalancerSchemeEnum"),
            ("VpcId", "elbv2.VpcId"),
            ("State", "elbv2.LoadBalancerState"),
            ("Type", "elbv2.LoadBalancerTypeEnum"),
            ("AvailabilityZones", "elbv2.AvailabilityZones"),
            ("SecurityGroups", "elbv2.SecurityGroups"),
            ("IpAddressType", "elbv2.IpAddressType"),
            ("CustomerOwnedIpv4Pool", "elbv2.CustomerOwnedIpv4Pool"),
            (
                "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
                "elbv2.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
            ),
            (
                "EnablePrefixForIpv6SourceNat",
                "elbv2.EnablePrefixForIpv6SourceNatEnum",
            ),
            ("IpamPools", "elbv2.IpamPools"),
        ],
    ),
    (
        "elbv2.LoadBalancerAddress",
        &[
            ("IpAddress", "elbv2.IpAddress"),
            ("AllocationId", "elbv2.AllocationId"),
            ("PrivateIPv4Address", "elbv2.PrivateIPv4Address"),
            ("IPv6Address", "elbv2.IPv6Address"),
        ],
    ),
    (
        "elbv2.LoadBalancerState",
        &[
            ("Code", "elbv2.LoadBalancerStateEnum"),
            ("Reason", "elbv2.StateReason"),
        ],
    ),
    (
        "sts.GetCallerIdentityResponse",
        &[
            ("UserId", "sts.userIdType"),
            ("Account", "sts.accountType"),
            ("Arn", "sts.arnType"),
        ],
    ),
];

/// List shapes: name and member shape.
pub const LISTS: &[(&str, &str)] = &[
    ("AdditionalDetailList", "AdditionalDetail"),
    ("AddressList", "Address"),
    ("AlternatePathHintList", "AlternatePathHint"),
    ("AnalysisComponentList", "AnalysisComponent"),
    ("ArnList", "ResourceArn"),
    ("AvailabilityZoneGeographyList", "AvailabilityZoneGeography"),
    ("AvailabilityZoneList", "AvailabilityZone"),
    ("AvailabilityZoneMessageList", "AvailabilityZoneMessage"),
    (
        "AvailabilityZoneSubGeographyList",
        "AvailabilityZoneSubGeography",
    ),
    ("ElasticGpuAssociationList", "ElasticGpuAssociation"),
    (
        "ElasticInferenceAcceleratorAssociationList",
        "ElasticInferenceAcceleratorAssociation",
    ),
    ("ExplanationList", "Explanation"),
    ("GroupIdentifierList", "GroupIdentifier"),
    (
        "InstanceBlockDeviceMappingList",
        "InstanceBlockDeviceMapping",
    ),
    ("InstanceIpv4PrefixList", "InstanceIpv4Prefix"),
    ("InstanceIpv6AddressList", "InstanceIpv6Address"),
    ("InstanceIpv6PrefixList", "InstanceIpv6Prefix"),
    ("InstanceList", "Instance"),
    ("InstanceNetworkInterfaceList", "InstanceNetworkInterface"),
    ("InstancePrivateIpAddressList", "InstancePrivateIpAddress"),
    (
        "InstanceSecondaryInterfaceList",
        "InstanceSecondaryInterface",
    ),
    (
        "InstanceSecondaryInterfacePrivateIpAddressList",
        "InstanceSecondaryInterfacePrivateIpAddress",
    ),
    ("InstanceStateChangeList", "InstanceStateChange"),
    ("InternetGatewayAttachmentList", "InternetGatewayAttachment"),
    ("InternetGatewayList", "InternetGateway"),
    ("IpAddressList", "IpAddress"),
    ("IpPermissionList", "IpPermission"),
    ("IpRangeList", "IpRange"),
    ("Ipv6RangeList", "Ipv6Range"),
    ("LicenseList", "LicenseConfiguration"),
    ("MetricCategoryIdList", "MetricCategoryId"),
    ("NatGatewayAddressList", "NatGatewayAddress"),
    (
        "NatGatewayAttachedApplianceList",
        "NatGatewayAttachedAppliance",
    ),
    ("NatGatewayList", "NatGateway"),
    ("NetworkAclAssociationList", "NetworkAclAssociation"),
    ("NetworkAclEntryList", "NetworkAclEntry"),
    ("NetworkAclList", "NetworkAcl"),
    ("NetworkInsightsAnalysisList", "NetworkInsightsAnalysis"),
    ("NetworkInsightsPathList", "NetworkInsightsPath"),
    ("PathComponentList", "PathComponent"),
    ("PortRangeList", "PortRange"),
    ("PrefixListIdList", "PrefixListId"),
    ("ProductCodeList", "ProductCode"),
    ("PropagatingVgwList", "PropagatingVgw"),
    ("ProtocolIntList", "ProtocolInt"),
    ("RegionGeographyList", "RegionGeography"),
    ("RegionList", "Region"),
    ("ReservationList", "Reservation"),
    ("RevokedSecurityGroupRuleList", "RevokedSecurityGroupRule"),
    ("RouteList", "Route"),
    ("RouteTableAssociationList", "RouteTableAssociation"),
    ("RouteTableList", "RouteTable"),
    ("RuleGroupRuleOptionsPairList", "RuleGroupRuleOptionsPair"),
    ("RuleGroupTypePairList", "RuleGroupTypePair"),
    ("RuleOptionList", "RuleOption"),
    ("SecurityGroupList", "SecurityGroup"),
    ("SecurityGroupRuleList", "SecurityGroupRule"),
    ("StringList", "String"),
    (
        "SubnetIpv6CidrBlockAssociationSet",
        "SubnetIpv6CidrBlockAssociation",
    ),
    ("SubnetList", "Subnet"),
    ("TagDescriptionList", "TagDescription"),
    ("TagList", "Tag"),
    ("UserIdGroupPairList", "UserIdGroupPair"),
    ("ValueStringList", "String"),
    ("VpcCidrBlockAssociationSet", "VpcCidrBlockAssociation"),
    (
        "VpcIpv6CidrBlockAssociationSet",
        "VpcIpv6CidrBlockAssociation",
    ),
    ("VpcList", "Vpc"),
    ("eks.StringList", "eks.String"),
    ("elbv2.AvailabilityZones", "elbv2.AvailabilityZone"),
    ("elbv2.LoadBalancerAddresses", "elbv2.LoadBalancerAddress"),
    ("elbv2.LoadBalancers", "elbv2.LoadBalancer"),
    ("elbv2.SecurityGroups", "elbv2.SecurityGroupId"),
    ("elbv2.SourceNatIpv6Prefixes", "elbv2.SourceNatIpv6Prefix"),
];

use serde_json::{Map, Value};

fn structure(name: &str) -> Option<&'static [(&'static str, &'static str)]> {
    STRUCTS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

fn list(name: &str) -> Option<&'static str> {
    LISTS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// The output shape of `service`'s operation `api`, if the models know it.
pub fn output_shape(service: &str, api: &str) -> Option<&'static str> {
    ROOTS
        .iter()
        .find(|(s, o, _)| *s == service && *o == api)
        .map(|(_, _, r)| *r)
}

/// Reorders every object in `value` to its shape's member order (unknown keys keep their place after the known ones).
pub fn order(shape: &str, value: &mut Value) {
    match value {
        Value::Object(m) => {
            let Some(members) = structure(shape) else {
                return;
            };
            let mut new = Map::new();
            for (name, member_shape) in members {
                if let Some(mut v) = m.remove(*name) {
                    order(member_shape, &mut v);
                    new.insert((*name).to_owned(), v);
                }
            }
            new.append(m);
            *m = new;
        }
        Value::Array(a) => {
            if let Some(member) = list(shape) {
                a.iter_mut().for_each(|x| order(member, x));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn vpc_keys_follow_the_model() {
        let mut v = json!({"Vpcs": [{"CidrBlock": "10.0.0.0/16", "VpcId": "vpc-1", "OwnerId": "1", "Extra": 1}]});
        order(output_shape("ec2", "DescribeVpcs").unwrap(), &mut v);
        let keys: Vec<&String> = v["Vpcs"][0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["OwnerId", "VpcId", "CidrBlock", "Extra"]);
    }
}
