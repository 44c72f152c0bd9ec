using System.Net;
using ARSoft.Tools.Net.Dns;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Dns;

/// <summary>The node's own resolvers, from its resolv.conf, to which cluster DNS forwards every name outside the cluster.</summary>
public sealed class Upstream(IReadOnlyList<IPAddress> servers) : IDisposable
{
    /// <summary>Under the usual client's 5 s budget, so that a resolver that does not answer gives the pod SERVFAIL while it still waits.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>After a resolver fails to answer, names are refused at once for a while, so one dead resolver does not hold up every lookup.</summary>
    private static readonly TimeSpan QuietAfterFailure = TimeSpan.FromSeconds(30);

    private long _quietUntil;

    private readonly DnsClient? _client = servers.Count > 0 ? new DnsClient(servers, (int)Patience.TotalMilliseconds) : null;

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
    public async Task<DnsMessage?> ResolveAsync(DnsQuestion question)
    {
        if (_client is null || Environment.TickCount64 < Interlocked.Read(ref _quietUntil)) return null;
        try
        {
            // The client does part of its waiting before it returns a task, so it runs off the server's thread.
            return await Task.Run(() => _client.ResolveAsync(question.Name, question.RecordType, question.RecordClass)).WaitAsync(Patience);
        }
        catch (Exception e) when (e is TimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            Interlocked.Exchange(ref _quietUntil, Environment.TickCount64 + (long)QuietAfterFailure.TotalMilliseconds);
            return null;
        }
    }

    public void Dispose() => (_client as IDisposable)?.Dispose();
}
