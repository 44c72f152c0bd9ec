using System.Security.Cryptography.X509Certificates;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GitOrch.Store.Nats;

/// <summary>
/// One identity's way into the store, as <c>gitorch init</c> writes it: the NKey seed that signs the
/// connection, the cluster CA (PEM) that the server's TLS certificate must chain to, and the identity's
/// own certificate and key, which agents' endpoints ask for. The file holds a
/// secret and is written private (mode 0600); it is all a machine needs to connect.
/// </summary>
public sealed class StoreCredentials
{
    public string Identity { get; set; } = "";
    public string Role { get; set; } = "";
    public string NkeySeed { get; set; } = "";
    public string CaCertificate { get; set; } = "";

    /// <summary>The identity's certificate (PEM), signed by the cluster CA, for TLS with client certificates to agents.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>The private key of <see cref="ClientCertificate"/> (PEM).</summary>
    public string? ClientKey { get; set; }

    /// <summary>The certificate with its key, or null when the file holds none (a file written before certificates were issued).</summary>
    public X509Certificate2? Certificate() =>
        ClientCertificate is { Length: > 0 } certificate && ClientKey is { Length: > 0 } key ? X509Certificate2.CreateFromPem(certificate, key) : null;

    public X509Certificate2 Authority() => X509Certificate2.CreateFromPem(CaCertificate);

    public const string EnvironmentVariable = "GITORCH_STORE_CREDENTIALS";

    /// <summary>The credentials file a NATS store location names (by <c>?credentials=</c> or the environment), or null.</summary>
    public static string? PathIn(string location) => NatsOptionsFromUrl.CredentialsPath(location);

    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
    private static readonly ISerializer Writer = new SerializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>Reads a credentials file; any problem is one line naming the file.</summary>
    public static StoreCredentials Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"store credentials {path}: {e.Message}");
        }
        StoreCredentials? credentials;
        try
        {
            credentials = Reader.Deserialize<StoreCredentials>(text);
        }
        catch (YamlException e)
        {
            throw new StoreUnavailableException($"store credentials {path}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        if (credentials is null || !credentials.NkeySeed.StartsWith("SU", StringComparison.Ordinal))
            throw new StoreUnavailableException($"store credentials {path}: nkeySeed must hold a user NKey seed (it starts with SU)");
        if (!credentials.CaCertificate.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            throw new StoreUnavailableException($"store credentials {path}: caCertificate must hold the cluster CA certificate (PEM)");
        return credentials;
    }

    public void Save(string path)
    {
        PrivateFile.Write(path, "# GitOrch store credentials: keep this file private.\n" + Writer.Serialize(this));
    }
}
