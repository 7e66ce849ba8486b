package codeclab.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.constructs.Construct;

/**
 * The artifact bucket. Prefixes (the contract with functions/store): {@code code/} sources by hash,
 * {@code answers/} raw LLM answers by hash, {@code clips/}, {@code results/} evaluations and logs by hash,
 * {@code baselines/}, {@code archives/} (purged runs, restorable), {@code site/} (static dashboard and blog,
 * served by {@link Site}). Encrypted, private, TLS only,
 * versioned so that an overwrite or purge can be undone for 30 days.
 */
public final class Artifacts extends Construct {
  public static final String CODE = "code/";
  public static final String ANSWERS = "answers/";
  public static final String CLIPS = "clips/";
  public static final String RESULTS = "results/";
  public static final String BASELINES = "baselines/";
  public static final String ARCHIVES = "archives/";
  public static final String SITE = "site/";

  /** Props: whether the bucket survives `cdk destroy`. */
  public record Props(boolean retainData) {}

  private final Bucket bucket;

  public Artifacts(Construct scope, String id, Props props) {
    super(scope, id);
    bucket = Bucket.Builder.create(this, "Bucket")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .removalPolicy(props.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
        .lifecycleRules(List.of(
            LifecycleRule.builder().id("abort-incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1)).build(),
            LifecycleRule.builder().id("expire-old-versions")
                .noncurrentVersionExpiration(Duration.days(30)).build(),
            LifecycleRule.builder().id("archives-to-infrequent-access").prefix(ARCHIVES)
                .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                    .transitionAfter(Duration.days(30)).build())).build()))
        .build();
    NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
        .reason("Access logs would need a second bucket; only the stack's own roles can reach this private,"
            + " TLS-only bucket, and CloudTrail data events can be enabled per account if needed.").build()));
  }

  public Bucket bucket() { return bucket; }
}
