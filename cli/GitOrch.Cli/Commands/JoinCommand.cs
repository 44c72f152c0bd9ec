using System.CommandLine;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOrch.Engine.Security;
using GitOrch.Store;
using GitOrch.Store.Access;
using GitOrch.Store.Nats;
using NATS.NKeys;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch join</c>: gives a new machine its own node identity. It makes an NKey and a key pair here,
/// checks the join server's CA against the hash it was given, and sends the token, the NKey's public
/// half and a certificate request; it keeps one credentials file with the NKey seed, the CA, and the
/// signed certificate with its key.
/// </summary>
public static class JoinCommand
{
    public static Command Create(TextWriter output)
    {
        var token = new Option<string>("--token") { Description = "A join token from 'gitorch token create' (or the one 'gitorch init' printed)", Required = true };
        var server = new Option<string>("--server") { Description = "The join endpoint: https://HOST:PORT of 'gitorch server --join-listen'", Required = true };
        var caHash = new Option<string>("--ca-cert-hash") { Description = "sha256:HEX of the cluster CA's public key, as init and token create print it", Required = true };
        var node = new Option<string>("--node") { Description = "This node's name", DefaultValueFactory = _ => DefaultNodeName.Current() };
        var directory = new Option<string>("--dir") { Description = "Where to keep this node's credentials file", DefaultValueFactory = _ => Path.Combine(StoreLocator.Home, "node") };
        var command = new Command("join", "Join this machine to a cluster as a node, with a join token") { token, server, caHash, node, directory };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(node)!;
            var endpoint = Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps ? parsed
                : throw new ArgumentException($"--server {parse.GetValue(server)}: expected an https:// address, such as https://10.0.0.1:7443");
            var authority = await FetchAuthorityAsync(endpoint, parse.GetValue(caHash)!, cancellationToken);
            using var pair = KeyPair.CreatePair(PrefixByte.User);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            var response = await PostAsync(endpoint, authority, new JoinRequest(parse.GetValue(token)!, name, pair.GetPublicKey(), request), cancellationToken);

            var folder = Directory.CreateDirectory(parse.GetValue(directory)!).FullName;
            var credentials = Path.Combine(folder, $"{ClusterDirectory.AgentIdentity(name)}.yaml");
            new StoreCredentials
            {
                Identity = name, Role = StoreRoles.Agent, NkeySeed = pair.GetSeed(), CaCertificate = response.CaCertificate,
                ClientCertificate = response.Certificate, ClientKey = key.ExportPkcs8PrivateKeyPem(),
            }.Save(credentials);
            await output.WriteLineAsync($"""
                Joined as node {name}: {credentials}
                Start its agent:
                  gitorch agent --node {name} --store "{response.StoreAddress ?? "tls://STORE:4222"}?credentials={credentials}"
                """);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The CA the join server presents, trusted only if its public key has the given hash.</summary>
    private static async Task<X509Certificate2> FetchAuthorityAsync(Uri server, string expectedHash, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var pem = await CallAsync(server, () => http.GetStringAsync(new Uri(server, "/ca"), cancellationToken));
        var authority = X509Certificate2.CreateFromPem(pem);
        var hash = ClusterAuthority.PublicKeyHashOf(authority);
        if (!string.Equals(hash, expectedHash.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new JoinRefusedException($"the server at {server} presents a CA whose hash is {hash}, not {expectedHash}: it is not the cluster you meant");
        return authority;
    }

    private static async Task<JoinResponse> PostAsync(Uri server, X509Certificate2 authority, JoinRequest request, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => IsClusterServer(certificate, authority) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var answer = await CallAsync(server, () => http.PostAsJsonAsync(new Uri(server, "/join"), request, cancellationToken));
        if (!answer.IsSuccessStatusCode)
        {
            var refusal = await answer.Content.ReadFromJsonAsync<Refusal>(cancellationToken);
            throw new JoinRefusedException($"{server} refused to join: {refusal?.Error ?? answer.ReasonPhrase}");
        }
        return (await answer.Content.ReadFromJsonAsync<JoinResponse>(cancellationToken))!;
    }

    private sealed record Refusal(string? Error);

    /// <summary>The store's server certificate, signed by this CA: a node's certificate, signed by the same CA, does not pass.</summary>
    private static bool IsClusterServer(X509Certificate2? certificate, X509Certificate2 authority) =>
        certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == "nats-server" && ClusterTrust.ChainsTo(certificate, authority);

    private static async Task<T> CallAsync<T>(Uri server, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException e)
        {
            throw new StoreUnavailableException($"cannot reach the join server {server}: {e.Message}");
        }
    }
}
