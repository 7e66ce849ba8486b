package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** The static site: CloudFront over the private bucket's site/ prefix through Origin Access Control. */
class SiteTest {
  private final Synth synth = Synth.defaults();
  private final Template t = synth.template;

  private String id(IConstruct c) {
    return synth.stack.getLogicalId((CfnElement) c.getNode().getDefaultChild());
  }

  private String bucket() { return id(synth.stack.artifacts().bucket()); }

  @Test
  void distributionServesSiteOfTheBucketThroughOacOverHttpsOnlyWithIndexAndPriceClass100() {
    Capture oac = new Capture();
    t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
        "Enabled", true,
        "DefaultRootObject", "index.html",
        "PriceClass", "PriceClass_100",
        "HttpVersion", "http2and3",
        "Origins", List.of(Map.of(
            "Id", Match.anyValue(),
            "DomainName", Map.of("Fn::GetAtt", List.of(bucket(), "RegionalDomainName")),
            "OriginPath", "/site",
            // OAC, not the legacy origin access identity.
            "S3OriginConfig", Map.of("OriginAccessIdentity", ""),
            "OriginAccessControlId", Map.of("Fn::GetAtt", List.of(oac, "Id")))),
        "DefaultCacheBehavior", Match.objectLike(Map.of(
            "ViewerProtocolPolicy", "redirect-to-https",
            "AllowedMethods", List.of("GET", "HEAD"),
            "Compress", true,
            "ResponseHeadersPolicyId", Map.of("Ref", id(synth.stack.site().headersPolicy())))),
        "Logging", Map.of("Bucket", Map.of("Fn::GetAtt", List.of(id(synth.stack.site().accessLogs()), "RegionalDomainName")),
            "Prefix", "cloudfront/")))));
    t.resourceCountIs("AWS::CloudFront::Distribution", 1);
    t.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
    assertThat(t.findResources("AWS::CloudFront::OriginAccessControl")).containsOnlyKeys(oac.asString());
    t.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Match.objectLike(
        Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void bucketPolicyLetsOnlyThisDistributionReadOnlySiteObjects() {
    Map<String, Map<String, Object>> policies = t.findResources("AWS::S3::BucketPolicy",
        Map.of("Properties", Map.of("Bucket", Map.of("Ref", bucket()))));
    assertThat(policies).hasSize(1);
    Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) policies.values().iterator().next()
        .get("Properties")).get("PolicyDocument");
    List<Map<String, Object>> allows = ((List<Map<String, Object>>) doc.get("Statement")).stream()
        .filter(s -> "Allow".equals(s.get("Effect"))).toList();
    assertThat(allows).hasSize(1);
    Map<String, Object> allow = allows.get(0);
    assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
    assertThat(allow.get("Action")).isEqualTo("s3:GetObject");
    assertThat(allow.get("Resource")).isEqualTo(Map.of("Fn::Join", List.of("",
        List.of(Map.of("Fn::GetAtt", List.of(bucket(), "Arn")), "/site/*"))));
    assertThat(allow.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("AWS:SourceArn",
        Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":cloudfront::",
            Map.of("Ref", "AWS::AccountId"), ":distribution/", Map.of("Ref", id(synth.stack.site().distribution()))))))));
  }

  @Test
  void responseHeadersForbidScriptsFramingAndSniffingAndPinHttps() {
    Capture csp = new Capture();
    t.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of("ResponseHeadersPolicyConfig",
        Match.objectLike(Map.of("SecurityHeadersConfig", Map.of(
            "ContentSecurityPolicy", Map.of("ContentSecurityPolicy", csp, "Override", true),
            "StrictTransportSecurity", Map.of("AccessControlMaxAgeSec", 63072000, "IncludeSubdomains", true, "Override", true),
            "ContentTypeOptions", Map.of("Override", true),
            "FrameOptions", Map.of("FrameOption", "DENY", "Override", true),
            "ReferrerPolicy", Map.of("ReferrerPolicy", "no-referrer", "Override", true))))));
    List<String> directives = List.of(csp.asString().split(";\\s*"));
    assertThat(directives).contains("default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'");
    // One script only: the experiments table's sorting and filtering, allowed by its hash; nothing else may run.
    assertThat(directives).contains("script-src " + Site.SCRIPT_SOURCE);
    assertThat(Site.SCRIPT_SOURCE).matches("'sha256-[A-Za-z0-9+/]{43}='");
    assertThat(csp.asString()).doesNotContain("unsafe-eval", "*", "http:", "https:")
        .doesNotContain("script-src 'unsafe-inline'").doesNotContainPattern("script-src[^;]*'self'");
  }

  @Test
  void accessLogsGoToAPrivateEncryptedExpiringBucketWithAclsForLogDelivery() {
    t.hasResourceProperties("AWS::S3::Bucket", Map.of(
        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerPreferred"))),
        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
            List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of("ExpirationInDays", 90, "Status", "Enabled"))))));
    t.resourceCountIs("AWS::S3::Bucket", 2);
  }

  @Test
  void siteUrlOutputIsHttpsOnTheDistributionDomain() {
    t.hasOutput("SiteUrl", Map.of("Value", Map.of("Fn::Join", List.of("", List.of("https://",
        Map.of("Fn::GetAtt", List.of(id(synth.stack.site().distribution()), "DomainName")), "/")))));
  }
}
