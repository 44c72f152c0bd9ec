using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>An Ingress: each path's type and Service backend, and each host a DNS name (a leading "*." allowed).</summary>
internal static class IngressValidator
{
    public static void Validate(IngressSpec spec, Checks checks)
    {
        checks.Require(spec.DefaultBackend is not null || spec.Rules is { Count: > 0 }, "spec", "needs rules or a defaultBackend");
        if (spec.DefaultBackend is { } fallback) Backend("spec.defaultBackend", fallback, checks);
        for (var i = 0; i < (spec.Rules?.Count ?? 0); i++)
        {
            var rule = spec.Rules![i];
            var path = Index("spec.rules", i);
            if (rule.Host is { } host) checks.DnsSubdomain(Child(path, "host"), host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host);
            for (var j = 0; j < (rule.Http?.Paths.Count ?? 0); j++)
            {
                var entry = rule.Http!.Paths[j];
                var entryPath = Index(Child(Child(path, "http"), "paths"), j);
                checks.OneOf(Child(entryPath, "pathType"), entry.PathType, "Exact", "Prefix", "ImplementationSpecific");
                checks.Require(entry.Path is null || entry.Path.StartsWith('/'), Child(entryPath, "path"), $"\"{entry.Path}\" must start with /");
                Backend(Child(entryPath, "backend"), entry.Backend, checks);
            }
        }
        for (var i = 0; i < (spec.Tls?.Count ?? 0); i++)
            checks.DnsSubdomain(Child(Index("spec.tls", i), "secretName"), spec.Tls![i].SecretName);
    }

    private static void Backend(string path, IngressBackend backend, Checks checks)
    {
        if (backend.Service is not { } service)
        {
            checks.Fail(path, "needs a service (resource backends are not served)");
            return;
        }
        checks.DnsLabel(Child(Child(path, "service"), "name"), service.Name);
        var port = Child(Child(path, "service"), "port");
        checks.Require(service.Port.Number is not null ^ service.Port.Name is not null, port, "needs exactly one of number and name");
        checks.Port(Child(port, "number"), service.Port.Number);
    }
}
