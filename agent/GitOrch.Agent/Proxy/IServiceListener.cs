namespace GitOrch.Agent.Proxy;

/// <summary>One address and port the proxy listens on for a service port, forwarding to its current backends.</summary>
public interface IServiceListener : IAsyncDisposable
{
    bool IsHttp { get; }

    /// <summary>Replaced whole when endpoints or weights change; requests in flight keep the backend they got.</summary>
    BackendPool Pool { get; set; }
}
