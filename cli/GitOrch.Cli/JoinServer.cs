using System.Net;
using System.Security.Cryptography.X509Certificates;
using GitOrch.Agent.Hosting;
using GitOrch.Engine.Security;
using GitOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Cli;

/// <summary>
/// The endpoint machines join through, served by <c>gitorch server --join-listen</c> on the machine that
/// holds the cluster directory, over TLS with the store's server certificate:
/// <list type="bullet">
/// <item><c>GET /ca</c>: the CA certificate, which a joining machine checks against the hash it was given;</item>
/// <item><c>POST /join</c>: a <see cref="JoinRequest"/>, answered with a <see cref="JoinResponse"/>, or 403 and the reason.</item>
/// </list>
/// </summary>
public static class JoinServer
{
    public static async Task<IAsyncDisposable> StartAsync(string address, ClusterDirectory cluster, string storeAddress, CancellationToken cancellationToken)
    {
        var endpoint = IPEndPoint.TryParse(address, out var parsed) && parsed.Port > 0 ? parsed
            : throw new ArgumentException($"--join-listen \"{address}\": expected address:port, such as 0.0.0.0:7443");
        var certificate = X509Certificate2.CreateFromPemFile(cluster.NatsCertificate, cluster.NatsKey);
        var admission = new NodeAdmission(cluster, () => StoreReload.Signal(cluster));
        var builder = LocalWebApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/ca", () => Results.Text(File.ReadAllText(cluster.CaCertificate)));
        app.MapPost("/join", (JoinRequest request) =>
        {
            try
            {
                return Results.Json(admission.Admit(request) with { StoreAddress = storeAddress });
            }
            catch (JoinRefusedException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (ArgumentException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
            catch (StoreUnavailableException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new ArgumentException($"--join-listen {address}: {e.Message}");
        }
    }
}
