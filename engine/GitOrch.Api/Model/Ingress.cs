namespace GitOrch.Api.Model;

public sealed record Ingress : KubeObject
{
    public IngressSpec Spec { get; init; } = new();
    public IngressStatus? Status { get; init; }
}

public sealed record IngressSpec
{
    public string? IngressClassName { get; init; }
    public IngressBackend? DefaultBackend { get; init; }
    public List<IngressTls>? Tls { get; init; }
    public List<IngressRule>? Rules { get; init; }
}

public sealed record IngressTls
{
    public List<string>? Hosts { get; init; }
    public string? SecretName { get; init; }
}

public sealed record IngressRule
{
    public string? Host { get; init; }
    public HttpIngressRuleValue? Http { get; init; }
}

public sealed record HttpIngressRuleValue
{
    public List<HttpIngressPath> Paths { get; init; } = [];
}

public sealed record HttpIngressPath
{
    public string? Path { get; init; }
    public string PathType { get; init; } = "";
    public IngressBackend Backend { get; init; } = new();
}

public sealed record IngressBackend
{
    public IngressServiceBackend? Service { get; init; }
    public System.Text.Json.Nodes.JsonObject? Resource { get; init; }
}

public sealed record IngressServiceBackend
{
    public string Name { get; init; } = "";
    public ServiceBackendPort Port { get; init; } = new();
}

public sealed record ServiceBackendPort
{
    public string? Name { get; init; }
    public int? Number { get; init; }
}

public sealed record IngressStatus
{
    public System.Text.Json.Nodes.JsonObject? LoadBalancer { get; init; }
}

public sealed record IngressClass : KubeObject
{
    public IngressClassSpec Spec { get; init; } = new();
}

public sealed record IngressClassSpec
{
    public string? Controller { get; init; }
    public System.Text.Json.Nodes.JsonObject? Parameters { get; init; }
}
