using GitOrch.Agent.Ingresses;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Tests;

public sealed class IngressRoutesTests
{
    private static HttpIngressPath Path(string path, string type, string service) =>
        new() { Path = path, PathType = type, Backend = new IngressBackend { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = 80 } } } };

    private static Ingress Ingress(string name, params IngressRule[] rules) => new() { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Spec = new IngressSpec { Rules = [.. rules] } };

    private static IngressRule Rule(string? host, params HttpIngressPath[] paths) => new() { Host = host, Http = new HttpIngressRuleValue { Paths = [.. paths] } };

    private readonly IngressRoutes _routes = new(
    [
        Ingress("shop", Rule("shop.example.com", Path("/", "Prefix", "web"), Path("/api", "Prefix", "api"), Path("/api/health", "Exact", "health"))),
        Ingress("wild", Rule("*.example.com", Path("/", "Prefix", "wild"))),
        Ingress("any", Rule(null, Path("/static", "ImplementationSpecific", "static"))),
    ]);

    private string? ServiceFor(string host, string path) => _routes.Match(host, path)?.Backend.Name;

    [Fact]
    public void TheLongestPathWins_PrefixesMatchWholeSegments_AndExactIsExact()
    {
        Assert.Equal("api", ServiceFor("shop.example.com", "/api/v1/items"));
        Assert.Equal("api", ServiceFor("shop.example.com", "/api"));
        Assert.Equal("web", ServiceFor("shop.example.com", "/apis"));
        Assert.Equal("health", ServiceFor("SHOP.example.com:443", "/api/health"));
        Assert.Equal("api", ServiceFor("shop.example.com", "/api/health/deep"));
    }

    [Fact]
    public void AnExactHost_ComesBeforeAWildcard_WhichCoversOneLabel_ThenRulesWithoutAHost()
    {
        Assert.Equal("wild", ServiceFor("blog.example.com", "/"));
        Assert.Equal("static", ServiceFor("a.b.example.com", "/static/app.js"));
        Assert.Null(ServiceFor("other.org", "/"));
    }

    [Fact]
    public void WithoutAMatch_TheDefaultBackendServes()
    {
        var routes = new IngressRoutes([new Ingress
        {
            Metadata = new ObjectMeta { Name = "fallback", Namespace = "default" },
            Spec = new IngressSpec { DefaultBackend = new IngressBackend { Service = new IngressServiceBackend { Name = "catch-all", Port = new ServiceBackendPort { Number = 80 } } } },
        }]);
        Assert.Equal("catch-all", routes.Match("anything.example", "/x")?.Backend.Name);
    }
}
