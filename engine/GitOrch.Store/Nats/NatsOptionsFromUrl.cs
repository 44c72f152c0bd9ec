using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;
using NATS.NKeys;

namespace GitOrch.Store.Nats;

/// <summary>
/// Client options for a store location: <c>nats://[user:password@|token@]host:port</c> or <c>tls://host:port</c>,
/// optionally with <c>?credentials=FILE</c> (or <c>GITORCH_STORE_CREDENTIALS</c>) naming the NKey
/// credential and cluster CA from <c>gitorch init</c>. <see cref="Redact"/> gives the location with its secret hidden.
/// </summary>
internal static class NatsOptionsFromUrl
{
    /// <summary>The options, and who the connection is for messages: the credential's identity and role.</summary>
    public static (NatsOpts Options, string Identity) Create(string location)
    {
        var (url, credentialsPath) = Split(location);
        var options = NatsOpts.Default with { Url = url, Name = "gitorch", ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (credentialsPath is null) return (options, "this connection");
        var credentials = StoreCredentials.Load(credentialsPath);
        using var pair = KeyPair.FromSeed(credentials.NkeySeed);
        return (options with
        {
            AuthOpts = NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = credentials.NkeySeed },
            TlsOpts = NatsTlsOpts.Default with { Mode = TlsMode.Require, ConfigureClientAuthentication = TrustOnly(credentials.CaCertificate) },
        }, $"{credentials.Identity} (role {credentials.Role})");
    }

    /// <summary>Accepts a server certificate only if it chains to the cluster CA, whatever the machine's own trust store holds.</summary>
    private static Func<SslClientAuthenticationOptions, ValueTask> TrustOnly(string caPem) => options =>
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(caPem));
        options.CertificateChainPolicy = policy;
        return ValueTask.CompletedTask;
    };

    /// <summary>The credentials file a NATS store location names (by its query or the environment), or null.</summary>
    public static string? CredentialsPath(string location) => Split(location).Credentials;

    /// <summary>The server URL, and the credentials file named by the query or the environment.</summary>
    private static (string Url, string? Credentials) Split(string location)
    {
        var query = location.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
            return (location, Environment.GetEnvironmentVariable(StoreCredentials.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        const string parameter = "credentials=";
        var value = location[(query + 1)..];
        if (!value.StartsWith(parameter, StringComparison.Ordinal))
            throw new StoreUnavailableException($"store location {Redact(location)}: the only query parameter is credentials=FILE");
        return (location[..query], Uri.UnescapeDataString(value[parameter.Length..]));
    }

    public static string Redact(string location)
    {
        var url = location.Split('?')[0];
        var uri = new Uri(url);
        return uri.UserInfo.Length == 0 ? url : new UriBuilder(uri) { UserName = "***", Password = "" }.Uri.ToString().TrimEnd('/');
    }
}
