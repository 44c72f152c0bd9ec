using System.CommandLine;
using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary><c>--show-secrets</c>: without it, verbs that print objects show each Secret value as a hash.</summary>
public static class SecretsFlag
{
    public static Option<bool> Create() => new("--show-secrets") { Description = "Print Secret values instead of a hash of each" };

    public static KubeObject Apply(KubeObject obj, bool show) => show ? obj : SecretMasking.Mask(obj);
}
