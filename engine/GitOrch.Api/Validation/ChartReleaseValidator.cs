using GitOrch.Api.Model;

namespace GitOrch.Api.Validation;

/// <summary>A ChartRelease names a chart, and a repository that is an http(s) URL or an oci:// registry reference.</summary>
internal static class ChartReleaseValidator
{
    public static void Validate(ChartReleaseSpec spec, Checks checks)
    {
        checks.Require(!string.IsNullOrWhiteSpace(spec.Chart), "spec.chart", "is required");
        if (spec.Repository is { } repository)
        {
            var isUrl = Uri.TryCreate(repository, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "oci" && url.Host.Length > 0;
            checks.Require(isUrl, "spec.repository", $"\"{repository}\" is neither an http(s) URL nor oci://HOST/PATH");
        }
        else
        {
            checks.Require(spec.Version is null, "spec.version", "needs spec.repository: a chart folder has the one version the commit holds");
            checks.Require(spec.CredentialsSecret is null, "spec.credentialsSecret", "needs spec.repository");
        }
        checks.Require(spec.PlainHttp is null || spec.Repository?.StartsWith("oci://", StringComparison.OrdinalIgnoreCase) == true,
            "spec.plainHttp", "applies only to an oci:// repository");
        if (spec.CredentialsSecret is { } secret) checks.DnsSubdomain("spec.credentialsSecret", secret);
    }
}
