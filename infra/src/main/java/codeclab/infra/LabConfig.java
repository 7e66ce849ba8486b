package codeclab.infra;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the stack is configured with: where the build put the Lambda code, and the loop's knobs
 * (schedule, budget, planner, quality target, clip set). Immutable; {@link #builder()} starts from the
 * defaults, {@link #fromContext(Function, Path)} reads CDK context ({@code -c key=value} or cdk.json).
 *
 * <p>Context keys: {@code alertEmail, generationSchedule, scheduleEnabled, budgetUsd, planner,
 * plannerModel, llmUrl, llmSecretId, seed, targetPsnrY, clipSet, runId, generationSize, maxConcurrency,
 * retainData, autoPause, feedPlanner, monthlyBudgetUsd, holdoutSet, handlersJar, layerZip, maxLiteralDataBytes}.
 * {@code maxLiteralDataBytes} is the sandbox's literal-data limit (docs/SANDBOX.md, default 16384) for the validate and
 * execute functions. {@code monthlyBudgetUsd} is
 * the AWS Budget on the stack's tagged monthly cost (alerts at 80% actual, 100% forecast); {@code holdoutSet} the
 * held-out clips (empty: the dev set's counterpart). {@code autoPause} and {@code feedPlanner} switch on the
 * monitor's optional actions (pause the loop on PURGE_AND_RESTART; feed FIX_CODE reasons to the planner), off by default.
 *
 * <p>Planner: {@code bedrock} and {@code openai} need {@code plannerModel}; {@code openai} also needs
 * {@code llmUrl} (an OpenAI-compatible base URL) and takes its API key from the Secrets Manager secret
 * {@code llmSecretId} (a name, or the secret's complete ARN).
 */
public record LabConfig(
    Path handlersJar,
    Path layerZip,
    String alertEmail,
    String generationSchedule,
    boolean scheduleEnabled,
    double budgetUsd,
    String planner,
    String plannerModel,
    String llmUrl,
    String llmSecretId,
    long seed,
    double targetPsnrY,
    String clipSet,
    String runId,
    int generationSize,
    int maxConcurrency,
    boolean retainData,
    boolean autoPause,
    boolean feedPlanner,
    int maxLiteralDataBytes,
    double monthlyBudgetUsd,
    String holdoutSet) {

  /** Where `.ci/mvn -DskipTests package` puts the handlers' shaded jar, relative to the repo root. */
  public static final Path DEFAULT_HANDLERS_JAR = Path.of("functions/handlers/target/handlers.jar");
  /** Where the layers/javacv module puts the layer zip, relative to the repo root. */
  public static final Path DEFAULT_LAYER_ZIP = Path.of("layers/javacv/target/javacv-layer.zip");

  /** A complete secret ARN (the name plus the 6-character suffix Secrets Manager appends). */
  static final String SECRET_ARN = "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+";

  public LabConfig {
    Objects.requireNonNull(handlersJar, "handlersJar");
    Objects.requireNonNull(layerZip, "layerZip");
    alertEmail = alertEmail == null ? "" : alertEmail.trim();
    require(generationSchedule != null && generationSchedule.matches("(rate|cron)\\(.+\\)"),
        "generationSchedule must be an EventBridge expression such as rate(10 minutes), got: " + generationSchedule);
    require(budgetUsd > 0, "budgetUsd must be > 0, got " + budgetUsd);
    require(planner != null && planner.matches("evolutionary|bedrock|openai"),
        "planner must be evolutionary, bedrock or openai, got: " + planner);
    plannerModel = plannerModel == null ? "" : plannerModel.trim();
    llmUrl = llmUrl == null ? "" : llmUrl.trim();
    require(maxLiteralDataBytes > 0, "maxLiteralDataBytes must be > 0, got " + maxLiteralDataBytes);
    llmSecretId = llmSecretId == null ? "" : llmSecretId.trim();
    require(planner.equals("evolutionary") || !plannerModel.isEmpty(),
        "planner=" + planner + " needs a model id: -c plannerModel=...");
    require(!planner.equals("openai") || !llmUrl.isEmpty(),
        "planner=openai needs the endpoint's base URL: -c llmUrl=https://api.openai.com/v1");
    require(llmUrl.isEmpty() || llmUrl.matches("https?://[^\\s]+"),
        "llmUrl must be an http(s) URL such as https://api.openai.com/v1, got: " + llmUrl);
    require(llmSecretId.isEmpty() || llmSecretId.matches(SECRET_ARN) || llmSecretId.matches("[A-Za-z0-9/_+=.@-]{1,512}"),
        "llmSecretId must be a Secrets Manager secret name or its complete ARN, got: " + llmSecretId);
    require(targetPsnrY > 0 && targetPsnrY < 100, "targetPsnrY must be a PSNR in dB (0..100), got " + targetPsnrY);
    require(clipSet != null && !clipSet.isBlank(), "clipSet must not be blank");
    require(runId != null && runId.matches("[A-Za-z0-9_-]{1,64}"), "runId must match [A-Za-z0-9_-]{1,64}, got: " + runId);
    require(generationSize >= 1 && generationSize <= 40, "generationSize must be 1..40, got " + generationSize);
    require(maxConcurrency >= 1 && maxConcurrency <= 40, "maxConcurrency must be 1..40, got " + maxConcurrency);
    require(monthlyBudgetUsd > 0, "monthlyBudgetUsd (the AWS Budget on the stack's monthly cost) must be > 0, got "
        + monthlyBudgetUsd);
    holdoutSet = holdoutSet == null ? "" : holdoutSet.trim();
    require(holdoutSet.isEmpty() || !holdoutSet.equals(clipSet), "holdoutSet must differ from clipSet ('" + clipSet
        + "'), or be 'none' to promote on the dev clips alone");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("codec-lab config: " + message);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().handlersJar(handlersJar).layerZip(layerZip).alertEmail(alertEmail)
        .generationSchedule(generationSchedule).scheduleEnabled(scheduleEnabled).budgetUsd(budgetUsd)
        .planner(planner).plannerModel(plannerModel).llmUrl(llmUrl).llmSecretId(llmSecretId).seed(seed).targetPsnrY(targetPsnrY).clipSet(clipSet).runId(runId)
        .generationSize(generationSize).maxConcurrency(maxConcurrency).retainData(retainData)
        .autoPause(autoPause).feedPlanner(feedPlanner).maxLiteralDataBytes(maxLiteralDataBytes).monthlyBudgetUsd(monthlyBudgetUsd).holdoutSet(holdoutSet);
  }

  /**
   * Reads CDK context. {@code context} returns the raw value of a key or null (context from cdk.json is
   * typed JSON, from {@code -c} it is a string; both are accepted). Relative paths resolve against
   * {@code root} (the directory cdk runs in: the repo root).
   */
  public static LabConfig fromContext(Function<String, Object> context, Path root) {
    Builder b = builder();
    b.handlersJar(root.resolve(str(context, "handlersJar", DEFAULT_HANDLERS_JAR.toString())));
    b.layerZip(root.resolve(str(context, "layerZip", DEFAULT_LAYER_ZIP.toString())));
    b.alertEmail(str(context, "alertEmail", b.alertEmail));
    b.generationSchedule(str(context, "generationSchedule", b.generationSchedule));
    b.scheduleEnabled(bool(context, "scheduleEnabled", b.scheduleEnabled));
    b.budgetUsd(num(context, "budgetUsd", b.budgetUsd));
    b.planner(str(context, "planner", b.planner));
    b.plannerModel(str(context, "plannerModel", b.plannerModel));
    b.llmUrl(str(context, "llmUrl", b.llmUrl));
    b.llmSecretId(str(context, "llmSecretId", b.llmSecretId));
    double seed = num(context, "seed", b.seed);
    require(seed == Math.rint(seed) && Math.abs(seed) < 1L << 53, "seed must be a whole number, got " + context.apply("seed"));
    b.seed((long) seed);
    b.targetPsnrY(num(context, "targetPsnrY", b.targetPsnrY));
    b.clipSet(str(context, "clipSet", b.clipSet));
    b.runId(str(context, "runId", b.runId));
    b.generationSize((int) num(context, "generationSize", b.generationSize));
    b.maxConcurrency((int) num(context, "maxConcurrency", b.maxConcurrency));
    b.retainData(bool(context, "retainData", b.retainData));
    b.autoPause(bool(context, "autoPause", b.autoPause));
    b.feedPlanner(bool(context, "feedPlanner", b.feedPlanner));
    b.maxLiteralDataBytes((int) num(context, "maxLiteralDataBytes", b.maxLiteralDataBytes));
    b.monthlyBudgetUsd(num(context, "monthlyBudgetUsd", b.monthlyBudgetUsd));
    b.holdoutSet(str(context, "holdoutSet", b.holdoutSet));
    return b.build();
  }

  private static String str(Function<String, Object> ctx, String key, String dflt) {
    Object v = ctx.apply(key);
    return v == null ? dflt : v.toString();
  }

  private static boolean bool(Function<String, Object> ctx, String key, boolean dflt) {
    Object v = ctx.apply(key);
    if (v == null) return dflt;
    if (v instanceof Boolean b) return b;
    String s = v.toString().trim().toLowerCase();
    if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
    throw new IllegalArgumentException("codec-lab config: context " + key + " must be true or false, got: " + v);
  }

  private static double num(Function<String, Object> ctx, String key, double dflt) {
    Object v = ctx.apply(key);
    if (v == null) return dflt;
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("codec-lab config: context " + key + " must be a number, got: " + v, e);
    }
  }

  /** Builder with the defaults of cdk.json. */
  public static final class Builder {
    private Path handlersJar = DEFAULT_HANDLERS_JAR;
    private Path layerZip = DEFAULT_LAYER_ZIP;
    private String alertEmail = "";
    private String generationSchedule = "rate(10 minutes)";
    private boolean scheduleEnabled = true;
    private double budgetUsd = 20;
    private String planner = "evolutionary";
    private String plannerModel = "";
    private String llmUrl = "";
    private String llmSecretId = "";
    private long seed = 1;
    private double targetPsnrY = 38;
    private String clipSet = "dev";
    private String runId = "current";
    private int generationSize = 4;
    private int maxConcurrency = 4;
    private boolean retainData = true;
    private boolean autoPause = false;
    private boolean feedPlanner = false;
    private int maxLiteralDataBytes = 16 * 1024;
    private double monthlyBudgetUsd = 30;
    private String holdoutSet = "";

    private Builder() {}

    public Builder handlersJar(Path v) { handlersJar = v; return this; }
    public Builder layerZip(Path v) { layerZip = v; return this; }
    public Builder alertEmail(String v) { alertEmail = v; return this; }
    public Builder generationSchedule(String v) { generationSchedule = v; return this; }
    public Builder scheduleEnabled(boolean v) { scheduleEnabled = v; return this; }
    public Builder budgetUsd(double v) { budgetUsd = v; return this; }
    public Builder planner(String v) { planner = v; return this; }
    public Builder plannerModel(String v) { plannerModel = v; return this; }
    public Builder llmUrl(String v) { llmUrl = v; return this; }
    public Builder llmSecretId(String v) { llmSecretId = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder targetPsnrY(double v) { targetPsnrY = v; return this; }
    public Builder clipSet(String v) { clipSet = v; return this; }
    public Builder runId(String v) { runId = v; return this; }
    public Builder generationSize(int v) { generationSize = v; return this; }
    public Builder maxConcurrency(int v) { maxConcurrency = v; return this; }
    public Builder retainData(boolean v) { retainData = v; return this; }
    public Builder autoPause(boolean v) { autoPause = v; return this; }
    public Builder feedPlanner(boolean v) { feedPlanner = v; return this; }
    public Builder maxLiteralDataBytes(int v) { maxLiteralDataBytes = v; return this; }
    public Builder monthlyBudgetUsd(double v) { monthlyBudgetUsd = v; return this; }
    public Builder holdoutSet(String v) { holdoutSet = v; return this; }

    public LabConfig build() {
      return new LabConfig(handlersJar, layerZip, alertEmail, generationSchedule, scheduleEnabled, budgetUsd,
          planner, plannerModel, llmUrl, llmSecretId, seed, targetPsnrY, clipSet, runId, generationSize, maxConcurrency, retainData,
          autoPause, feedPlanner, maxLiteralDataBytes, monthlyBudgetUsd, holdoutSet);
    }
  }
}
