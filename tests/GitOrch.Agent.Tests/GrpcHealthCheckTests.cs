using System.Net;
using GitOrch.Agent.Probes;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GitOrch.Agent.Tests;

/// <summary>The gRPC probe against a real gRPC health server on plaintext HTTP/2, as a pod would serve it.</summary>
public sealed class GrpcHealthCheckTests : IAsyncLifetime
{
    private readonly HealthServiceImpl _health = new();
    private WebApplication? _server;
    private int _port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_health);
        _server = builder.Build();
        _server.MapGrpcService<HealthServiceImpl>();
        await _server.StartAsync();
        _port = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task Serving_IsSuccess_AndNotServingOrAnUnknownService_IsAFailureThatSaysWhy()
    {
        _health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        _health.SetStatus("cart", HealthCheckResponse.Types.ServingStatus.NotServing);

        var whole = await GrpcHealthCheck.CheckAsync("127.0.0.1", _port, null, CancellationToken.None);
        var cart = await GrpcHealthCheck.CheckAsync("127.0.0.1", _port, "cart", CancellationToken.None);
        var unknown = await GrpcHealthCheck.CheckAsync("127.0.0.1", _port, "checkout", CancellationToken.None);

        Assert.Equal((true, ""), whole);
        Assert.Equal((false, "gRPC health check of \"cart\" answered NotServing"), cart);
        Assert.False(unknown.Success);
        Assert.StartsWith("gRPC health check failed: NotFound", unknown.Message);
    }

    [Fact]
    public async Task NoServerOnThePort_IsAFailure()
    {
        await _server!.StopAsync();

        var (success, message) = await GrpcHealthCheck.CheckAsync("127.0.0.1", _port, null, CancellationToken.None);

        Assert.False(success);
        Assert.StartsWith("gRPC health check failed: Unavailable", message);
    }
}
