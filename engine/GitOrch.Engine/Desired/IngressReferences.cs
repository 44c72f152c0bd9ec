using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Desired;

/// <summary>
/// An Ingress must route to Services the same commit declares, in its namespace: one naming a missing
/// Service would answer 503 for its hosts, so the commit is refused instead, at the Ingress's line.
/// </summary>
internal static class IngressReferences
{
    public static IEnumerable<ManifestException> Missing(IReadOnlyDictionary<string, DesiredObject> declared)
    {
        foreach (var desired in declared.Values.Where(d => d.Object is Ingress))
        {
            var ingress = (Ingress)desired.Object;
            var ns = ingress.Namespace ?? WellKnown.DefaultNamespace;
            var backends = (ingress.Spec.Rules ?? []).SelectMany(rule => rule.Http?.Paths ?? []).Select(path => path.Backend)
                .Append(ingress.Spec.DefaultBackend).OfType<IngressBackend>().Select(backend => backend.Service?.Name).OfType<string>();
            if (backends.FirstOrDefault(name => !declared.ContainsKey(ObjectKeys.For(Kinds.Service, ns, name))) is { } missing)
                yield return new ManifestException(desired.Path, desired.Line, desired.Column,
                    $"Ingress \"{ns}/{ingress.Name}\" routes to Service \"{missing}\", which this commit does not declare in namespace {ns}");
        }
    }
}
