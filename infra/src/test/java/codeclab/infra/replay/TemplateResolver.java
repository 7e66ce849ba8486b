package codeclab.infra.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the intrinsic functions of a synthesized template (Ref, Fn::GetAtt, Fn::Join, Fn::Select, Fn::Split,
 * Fn::Sub without variables map) into concrete values for one imaginary deployment: account {@value #ACCOUNT},
 * region {@value #REGION}, each resource's physical name derived from its logical id. Policies, environments and
 * ARNs then compare as AWS would see them.
 */
public final class TemplateResolver {
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";

  private final Map<String, Map<String, Object>> resources;

  @SuppressWarnings("unchecked")
  public TemplateResolver(Map<String, Object> template) {
    this.resources = (Map<String, Map<String, Object>>) template.get("Resources");
  }

  public String type(String logicalId) {
    Map<String, Object> r = resources.get(logicalId);
    if (r == null) throw new IllegalArgumentException("no resource " + logicalId + " in the template");
    return r.get("Type").toString();
  }

  /** The physical name of a resource (what Ref gives for named resources). */
  public String name(String logicalId) {
    String type = type(logicalId);
    Object props = resources.get(logicalId).get("Properties");
    if ("AWS::StepFunctions::StateMachine".equals(type) && props instanceof Map<?, ?> p && p.get("StateMachineName") != null) {
      return resolveString(p.get("StateMachineName"));
    }
    return switch (type) {
      case "AWS::S3::Bucket" -> logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
      default -> logicalId;
    };
  }

  public String ref(String logicalId) {
    switch (logicalId) {
      case "AWS::AccountId": return ACCOUNT;
      case "AWS::Region": return REGION;
      case "AWS::Partition": return "aws";
      case "AWS::URLSuffix": return "amazonaws.com";
      case "AWS::StackName": return "CodecLab";
      case "AWS::NoValue": return null;
      default: break;
    }
    String type = type(logicalId);
    String name = name(logicalId);
    return switch (type) {
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
      case "AWS::StepFunctions::StateMachine" -> "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
      case "AWS::Lambda::Alias" -> getAtt(resolveString(((Map<?, ?>) resources.get(logicalId).get("Properties")).get("FunctionName")), "Arn") + ":live";
      case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
      case "AWS::EC2::VPCEndpoint" -> "vpce-" + Integer.toHexString(name.hashCode());
      case "AWS::Lambda::Version" -> getAtt(resolveString(((Map<?, ?>) resources.get(logicalId).get("Properties")).get("FunctionName")), "Arn") + ":1";
      default -> name;
    };
  }

  /** Fn::GetAtt by resource type; {@code logicalOrName} may also be a function name (for aliases). */
  public String getAtt(String logicalId, String attribute) {
    if (!resources.containsKey(logicalId)) {
      // A function name resolved already (an alias' FunctionName is a Ref).
      return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
    }
    String type = type(logicalId);
    String name = name(logicalId);
    return switch (type + "." + attribute) {
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name;
      case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + REGION + ".amazonaws.com";
      case "AWS::S3::Bucket.DomainName" -> name + ".s3.amazonaws.com";
      case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
      case "AWS::Lambda::Function.Arn" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
      case "AWS::Lambda::Version.Version" -> "1";
      case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + name + ":*";
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + name;
      case "AWS::Events::Rule.Arn" -> "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + name;
      case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
      case "AWS::SNS::Topic.TopicArn" -> ref(logicalId);
      case "AWS::StepFunctions::StateMachine.Arn" -> ref(logicalId);
      case "AWS::StepFunctions::StateMachine.Name" -> name;
      case "AWS::CloudFront::Distribution.DomainName" -> name.toLowerCase(Locale.ROOT) + ".cloudfront.net";
      case "AWS::CloudFront::Distribution.Id" -> name;
      case "AWS::CloudWatch::Alarm.Arn" -> alarmArn(logicalId);
      default -> type + "." + attribute + ":" + name;
    };
  }

  public String alarmArn(String logicalId) {
    return "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name(logicalId);
  }

  public String resolveString(Object value) {
    Object v = resolve(value);
    return v == null ? null : v.toString();
  }

  /** Resolves intrinsics anywhere in a JSON value (maps, lists, strings). */
  @SuppressWarnings("unchecked")
  public Object resolve(Object value) {
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1) {
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String fn = e.getKey().toString();
        Object arg = e.getValue();
        switch (fn) {
          case "Ref": return ref(arg.toString());
          case "Fn::GetAtt": {
            List<Object> a = (List<Object>) arg;
            return getAtt(a.get(0).toString(), a.get(1).toString());
          }
          case "Fn::Join": {
            List<Object> a = (List<Object>) arg;
            List<String> parts = new ArrayList<>();
            for (Object p : (List<Object>) resolve(a.get(1))) parts.add(String.valueOf(p));
            return String.join(a.get(0).toString(), parts);
          }
          case "Fn::Select": {
            List<Object> a = (List<Object>) arg;
            return ((List<Object>) resolve(a.get(1))).get(Integer.parseInt(resolve(a.get(0)).toString()));
          }
          case "Fn::Split": {
            List<Object> a = (List<Object>) arg;
            return List.of(resolveString(a.get(1)).split(java.util.regex.Pattern.quote(a.get(0).toString()), -1));
          }
          case "Fn::Sub": {
            String text = arg instanceof List<?> l ? l.get(0).toString() : arg.toString();
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (mt.find()) {
              String ref = mt.group(1);
              String r = ref.contains(".") ? getAtt(ref.substring(0, ref.indexOf('.')), ref.substring(ref.indexOf('.') + 1)) : ref(ref);
              mt.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(r));
            }
            mt.appendTail(out);
            return out.toString();
          }
          default: break;
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey().toString(), resolve(e.getValue()));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(resolve(o));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> properties(String logicalId) {
    return (Map<String, Object>) resolve(resources.get(logicalId).get("Properties"));
  }

  /** Logical ids of every resource of {@code type}. */
  public List<String> ofType(String type) {
    return resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type"))).map(Map.Entry::getKey).toList();
  }
}
