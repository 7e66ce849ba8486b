package codeclab.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The experiment store: table Experiments (runId / time-sortable experimentId, so "the newest N of a run"
 * is a Query with ScanIndexForward=false) with GSIs byScore (sparse, best BD-rate first per run), byRatio (sparse,
 * lowest bitrate-at-target ratio first: the second figure; kept so that existing stacks update, since CloudFormation
 * changes one GSI per deployment) and byOutcome (failures of one kind, newest first); table Runs (runId). The same schema is created by functions/store
 * against DynamoDB Local.
 */
public final class Store extends Construct {
  public static final String EXPERIMENTS_BY_SCORE = "byScore";
  public static final String EXPERIMENTS_BY_RATIO = "byRatio";
  public static final String EXPERIMENTS_BY_OUTCOME = "byOutcome";

  /** Props: whether data survives `cdk destroy` (RETAIN + deletion protection) or not. */
  public record Props(boolean retainData) {}

  private final Table experiments;
  private final Table runs;

  public Store(Construct scope, String id, Props props) {
    super(scope, id);
    RemovalPolicy removal = props.retainData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    experiments = Table.Builder.create(this, "Experiments")
        .partitionKey(Attribute.builder().name("runId").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("experimentId").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(pitr())
        .encryption(TableEncryption.AWS_MANAGED)
        .deletionProtection(props.retainData())
        .removalPolicy(removal)
        .build();
    experiments.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(EXPERIMENTS_BY_SCORE)
        .partitionKey(Attribute.builder().name("runId").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("score").type(AttributeType.NUMBER).build())
        .projectionType(ProjectionType.ALL).build());
    experiments.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(EXPERIMENTS_BY_RATIO)
        .partitionKey(Attribute.builder().name("runId").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("ratio").type(AttributeType.NUMBER).build())
        .projectionType(ProjectionType.ALL).build());
    experiments.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(EXPERIMENTS_BY_OUTCOME)
        .partitionKey(Attribute.builder().name("runOutcome").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("experimentId").type(AttributeType.STRING).build())
        .projectionType(ProjectionType.ALL).build());
    runs = Table.Builder.create(this, "Runs")
        .partitionKey(Attribute.builder().name("runId").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(pitr())
        .encryption(TableEncryption.AWS_MANAGED)
        .deletionProtection(props.retainData())
        .removalPolicy(removal)
        .build();
  }

  private static PointInTimeRecoverySpecification pitr() {
    return PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build();
  }

  public Table experiments() { return experiments; }

  public Table runs() { return runs; }
}
