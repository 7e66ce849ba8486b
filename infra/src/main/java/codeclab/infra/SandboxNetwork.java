package codeclab.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.route53resolver.CfnFirewallDomainList;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroup;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroupAssociation;
import software.constructs.Construct;

/**
 * The two network controls of the sandbox VPC that a security group cannot express.
 *
 * <p>S3's addresses: the region's AWS-managed prefix list {@code com.amazonaws.<region>.s3}, whose id differs per
 * region and account-independent synth cannot look up; a deploy-time SDK call (ec2:DescribeManagedPrefixLists,
 * read-only) resolves it, so the security group allows HTTPS to S3 and nothing else.
 *
 * <p>DNS: Lambda functions in a VPC resolve names through the VPC resolver, which security groups do not filter;
 * without a firewall, code inside the function could leak data in the names it resolves. A Route 53 Resolver DNS
 * Firewall rule group answers only S3's names in this region and NXDOMAIN for everything else.
 */
final class SandboxNetwork {
  private SandboxNetwork() {}

  /** The names the sandboxed functions resolve: the S3 endpoints of the stack's region (virtual-hosted and path style). */
  static List<String> allowedDomains(Stack stack) {
    String region = stack.getRegion();
    return List.of("s3." + region + ".amazonaws.com", "*.s3." + region + ".amazonaws.com",
        "s3.amazonaws.com", "*.s3.amazonaws.com");
  }

  /** The id of S3's managed prefix list in the deploy region (resolved at deploy time). */
  static String s3PrefixListId(Construct scope) {
    Stack stack = Stack.of(scope);
    String name = "com.amazonaws." + stack.getRegion() + ".s3";
    AwsSdkCall call = AwsSdkCall.builder().service("EC2").action("describeManagedPrefixLists")
        .parameters(Map.of("Filters", List.of(Map.of("Name", "prefix-list-name", "Values", List.of(name)))))
        .physicalResourceId(PhysicalResourceId.of(name))
        .outputPaths(List.of("PrefixLists.0.PrefixListId"))
        .build();
    AwsCustomResource lookup = AwsCustomResource.Builder.create(scope, "S3PrefixList")
        .onCreate(call).onUpdate(call)
        .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
            .resources(AwsCustomResourcePolicy.ANY_RESOURCE).build()))
        .installLatestAwsSdk(false)
        .build();
    // On the lookup's own policy only (the custom resource beside it has no IAM finding to suppress).
    NagSuppressions.addResourceSuppressions(lookup.getNode().findChild("CustomResourcePolicy"), List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
        .reason("ec2:DescribeManagedPrefixLists has no resource-level permissions; it is read-only and runs once per"
            + " deploy to find S3's prefix list id.").build()), true);
    // The provider function CDK adds for AwsCustomResource (one per stack) logs with the AWS managed basic role.
    NagSuppressions.addResourceSuppressionsByPath(stack, stack.getNode().getPath() + "/" + AwsCustomResource.PROVIDER_FUNCTION_UUID
        .replace("-", "").replaceFirst("^", "AWS") + "/ServiceRole/Resource", List.of(NagPackSuppression.builder()
        .id("AwsSolutions-IAM4").reason("CDK's AwsCustomResource provider writes its logs with"
            + " AWSLambdaBasicExecutionRole; it runs only during deploys, to look up S3's prefix list.").build()));
    return lookup.getResponseField("PrefixLists.0.PrefixListId");
  }

  /** A DNS Firewall on {@code vpc}: S3's names of the region resolve, everything else gets NXDOMAIN. */
  static CfnFirewallRuleGroup dnsFirewall(Construct scope, IVpc vpc) {
    Stack stack = Stack.of(scope);
    CfnFirewallDomainList allowed = CfnFirewallDomainList.Builder.create(scope, "SandboxDnsAllowed")
        .domains(allowedDomains(stack)).build();
    CfnFirewallDomainList everything = CfnFirewallDomainList.Builder.create(scope, "SandboxDnsEverything")
        .domains(List.of("*")).build();
    CfnFirewallRuleGroup rules = CfnFirewallRuleGroup.Builder.create(scope, "SandboxDnsFirewall")
        .firewallRules(List.of(
            CfnFirewallRuleGroup.FirewallRuleProperty.builder().priority(100).action("ALLOW")
                .firewallDomainListId(allowed.getAttrId()).build(),
            CfnFirewallRuleGroup.FirewallRuleProperty.builder().priority(200).action("BLOCK").blockResponse("NXDOMAIN")
                .firewallDomainListId(everything.getAttrId()).build()))
        .build();
    CfnFirewallRuleGroupAssociation.Builder.create(scope, "SandboxDnsFirewallAssociation")
        .firewallRuleGroupId(rules.getAttrId()).vpcId(vpc.getVpcId()).priority(101)
        .build();
    // A VPC's DNS Firewall fails closed unless FirewallFailOpen is enabled (it is not: default DISABLED).
    return rules;
  }
}
