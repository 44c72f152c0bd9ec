using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>metadata: the name's syntax for its kind, the namespace, labels and annotations.</summary>
internal static class MetadataValidator
{
    /// <summary>A CronJob's name leaves room for the suffix of the Jobs it creates.</summary>
    private const int CronJobNameMaxLength = 52;

    public static void Validate(KubeObject obj, KindInfo info, Checks checks)
    {
        var (field, name) = GeneratedNames.Applies(obj.Metadata)
            ? ("metadata.generateName", GeneratedNames.Sample(obj.Metadata.GenerateName!))
            : ("metadata.name", obj.Metadata.Name);
        if (string.IsNullOrEmpty(name))
        {
            checks.Fail("metadata.name", "is required (or metadata.generateName)");
            return;
        }
        if (info == Kinds.Namespace) checks.DnsLabel(field, name);
        else if (info == Kinds.Service) checks.Dns1035Label(field, name);
        else if (info.IsStoredOnly) checks.PathSegmentName(field, name);
        else checks.DnsSubdomain(field, name);
        if (info == Kinds.CronJob && name.Length > CronJobNameMaxLength)
            checks.Fail(field, $"a CronJob's name must be at most {CronJobNameMaxLength} characters, not {name.Length}");

        if (!info.Namespaced && obj.Namespace is not null)
            checks.Fail("metadata.namespace", $"{info.Kind} is cluster-scoped and cannot have a namespace");
        checks.DnsLabel("metadata.namespace", obj.Namespace);
        Template(obj.Metadata, "metadata", checks);
    }

    /// <summary>The labels and annotations of any metadata, an object's own or a template's.</summary>
    public static void Template(ObjectMeta metadata, string path, Checks checks)
    {
        checks.Labels(Child(path, "labels"), metadata.Labels);
        checks.Annotations(Child(path, "annotations"), metadata.Annotations);
    }
}
