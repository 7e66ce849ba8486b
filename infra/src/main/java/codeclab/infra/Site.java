package codeclab.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The static dashboard and blog: a CloudFront distribution whose origin is the artifact bucket's
 * {@code site/} prefix (origin path {@code /site}), read through Origin Access Control. The bucket stays
 * private; its policy lets only this distribution, and only {@code s3:GetObject} on {@code site/*}, through.
 * HTTPS only (HTTP redirects), {@code index.html} at the root, a Content-Security-Policy that allows no
 * script at all, access logs in a bucket of their own, price class 100 (North America and Europe edges).
 * {@link #url()} is {@code https://<distribution domain>/}.
 */
public final class Site extends Construct {
  /**
   * The pages are self-contained: one inline stylesheet, inline SVG charts, links between pages and to raw
   * JSON. No font, frame, form or remote resource, so everything else is 'none'; the one script is the experiments
   * table's sorting and filtering, allowed by its hash ({@code codeclab.site.BlogIndex.SCRIPT_CSP_SOURCE}; the site
   * module's ContentSecurityPolicyTest keeps the two equal).
   */
  public static final String SCRIPT_SOURCE = "'sha256-/7Jr9v84p1MOx5TNBGfYM8gSe4/VbJua0yZIvi0Yb/U='";
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self' data:; "
      + "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; script-src " + SCRIPT_SOURCE;
  /** The bucket prefix CloudFront serves, as an origin path. */
  public static final String ORIGIN_PATH = "/" + Artifacts.SITE.substring(0, Artifacts.SITE.length() - 1);

  /** Props: the artifact bucket whose site/ prefix is served, and whether the access logs survive destroy. */
  public record Props(Bucket bucket, boolean retainData) {}

  private final Distribution distribution;
  private final Bucket logs;
  private final ResponseHeadersPolicy headers;

  public Site(Construct scope, String id, Props props) {
    super(scope, id);
    Bucket bucket = props.bucket();
    logs = Bucket.Builder.create(this, "AccessLogs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        // CloudFront standard logging writes through the log-delivery ACL, so ACLs must stay enabled.
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
        .enforceSsl(true)
        .removalPolicy(props.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
        .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(90)).build()))
        .build();
    NagSuppressions.addResourceSuppressions(logs, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
        .reason("This is the access log bucket of the site's distribution; logging it into itself would loop"
            + " and a third bucket would only log log reads.").build()));

    headers = ResponseHeadersPolicy.Builder.create(this, "Headers")
        .comment("codec-lab site: no scripts, no framing, HTTPS only")
        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
            .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                .contentSecurityPolicy(CONTENT_SECURITY_POLICY).override(true).build())
            .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                .accessControlMaxAge(Duration.days(730)).includeSubdomains(true).override(true).build())
            .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
            .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
            .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER).override(true).build())
            .build())
        .build();
    // Pages change hourly (dashboard) and per experiment (posts): a minute at the edge is fresh enough.
    CachePolicy cache = CachePolicy.Builder.create(this, "Cache")
        .comment("codec-lab site: short TTLs, pages are rewritten in place")
        .defaultTtl(Duration.minutes(1)).minTtl(Duration.seconds(0)).maxTtl(Duration.minutes(10))
        .enableAcceptEncodingGzip(true).enableAcceptEncodingBrotli(true)
        .build();

    // The origin gets a read-only view of the bucket, so S3BucketOrigin cannot add its bucket-wide
    // (bucket/*) grant; the grant below is scoped to site/* instead.
    IBucket originView = Bucket.fromBucketAttributes(this, "SiteOrigin", BucketAttributes.builder()
        .bucketArn(bucket.getBucketArn()).bucketName(bucket.getBucketName())
        .bucketRegionalDomainName(bucket.getBucketRegionalDomainName()).build());
    distribution = Distribution.Builder.create(this, "Distribution")
        .comment("codec-lab dashboard and blog")
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(originView,
                S3BucketOriginWithOACProps.builder().originPath(ORIGIN_PATH).build()))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(cache)
            .responseHeadersPolicy(headers)
            .compress(true)
            .build())
        .defaultRootObject("index.html")
        // Without s3:ListBucket (CloudFront's grant is GetObject on site/* only) S3 answers 403 for a missing page:
        // both become a 404 with the site's own not-found page, cached briefly.
        .errorResponses(List.of(notFound(403), notFound(404)))
        .priceClass(PriceClass.PRICE_CLASS_100)
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .enableLogging(true).logBucket(logs).logFilePrefix("cloudfront/")
        .build();
    Annotations.of(distribution).acknowledgeWarning("@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac",
        "the bucket policy statement for this distribution is added by Site, scoped to site/*");
    bucket.addToResourcePolicy(PolicyStatement.Builder.create().sid("CloudFrontReadsSite")
        .effect(Effect.ALLOW)
        .principals(List.of(new ServicePrincipal("cloudfront.amazonaws.com")))
        .actions(List.of("s3:GetObject"))
        .resources(List.of(bucket.arnForObjects(Artifacts.SITE + "*")))
        .conditions(Map.of("StringEquals", Map.of("AWS:SourceArn", distributionArn())))
        .build());

    NagSuppressions.addResourceSuppressions(distribution, List.of(
        NagPackSuppression.builder().id("AwsSolutions-CFR1").reason(
            "No geo restriction: the researchers who read the dashboard can be anywhere; the site holds run"
                + " results, not personal data.").build(),
        NagPackSuppression.builder().id("AwsSolutions-CFR2").reason(
            "No WAF web ACL: a read-only static site with GET/HEAD only and no scripts or forms; a web ACL costs"
                + " more per month than the whole site. Attach one (webAclId) if the URL must not be public.").build(),
        NagPackSuppression.builder().id("AwsSolutions-CFR4").reason(
            "The distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront"
                + " fixes; a custom domain with its own ACM certificate would allow TLSv1.2_2021.").build()));
  }

  /** The page CloudFront shows for a missing page; the site writes it (record, with each post). */
  public static final String NOT_FOUND_PAGE = "404.html";

  private static ErrorResponse notFound(int status) {
    return ErrorResponse.builder().httpStatus(status).responseHttpStatus(404)
        .responsePagePath("/" + NOT_FOUND_PAGE).ttl(Duration.minutes(1)).build();
  }

  private String distributionArn() {
    return Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder()
        .service("cloudfront").region("").resource("distribution")
        .resourceName(distribution.getDistributionId())
        .arnFormat(software.amazon.awscdk.ArnFormat.SLASH_RESOURCE_NAME).build());
  }

  /** {@code https://<distribution domain>/}: the dashboard (index.html). */
  public String url() { return "https://" + distribution.getDistributionDomainName() + "/"; }

  public Distribution distribution() { return distribution; }

  public Bucket accessLogs() { return logs; }

  public ResponseHeadersPolicy headersPolicy() { return headers; }
}
