using System.Net;
using ARSoft.Tools.Net.Dns;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Dns;

/// <summary>The node's own resolvers, from its resolv.conf, to which cluster DNS forwards every name outside the cluster.</summary>
public sealed class Upstream(IReadOnlyList<IPAddress> servers) : IDisposable
{
    private readonly DnsClient? _client = servers.Count > 0 ? new DnsClient(servers, 3000) : null;

    public IReadOnlyList<IPAddress> Servers => servers;

    public static Upstream FromResolvConf(string path)
    {
        var servers = File.Exists(path)
            ? File.ReadLines(path).Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Length >= 2 && words[0] == "nameserver" && IPAddress.TryParse(words[1], out _))
                .Select(words => IPAddress.Parse(words[1]))
                .Where(address => address.ToString() != ServiceAddresses.ClusterDns)
                .ToList()
            : [];
        return new Upstream(servers);
    }

    /// <summary>The upstream answer; null when there is no resolver or none answers.</summary>
    public async Task<DnsMessage?> ResolveAsync(DnsQuestion question) =>
        _client is null ? null : await _client.ResolveAsync(question.Name, question.RecordType, question.RecordClass);

    public void Dispose() => (_client as IDisposable)?.Dispose();
}
