using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;
using GitOrch.Agent.Proxy;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Dns;

/// <summary>
/// Serves cluster DNS on this node at the cluster DNS address (bound like a cluster IP), over UDP and
/// TCP, answering cluster names from the watch caches and forwarding every other name to the node's
/// own resolvers. When another process holds the address's port 53, it tries again every few seconds.
/// </summary>
public sealed class ClusterDnsServer(SharedInformers informers, ILogger logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private const int TimeoutMilliseconds = 5000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var services = informers.For(Kinds.Service);
        var endpoints = informers.For(Kinds.Endpoints);
        var watching = await informers.WaitForSyncAsync([Kinds.Service, Kinds.Endpoints], cancellationToken);
        var records = new ClusterRecords(
            (ns, name) => services.Get(ObjectKeys.For(Kinds.Service, ns, name)) as Service,
            (ns, name) => endpoints.Get(ObjectKeys.For(Kinds.Endpoints, ns, name)) as Endpoints);
        using var upstream = Upstream.FromResolvConf("/etc/resolv.conf");
        try
        {
            var server = await StartAsync(records, upstream, cancellationToken);
            logger.LogInformation("Cluster DNS on {Address}:53", ServiceAddresses.ClusterDns);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                server.Stop();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<DnsServer> StartAsync(ClusterRecords records, Upstream upstream, CancellationToken cancellationToken)
    {
        var binder = new ClusterIPBinder(logger);
        var endpoint = new IPEndPoint(IPAddress.Parse(ServiceAddresses.ClusterDns), 53);
        var warned = false;
        while (true)
        {
            if (binder.TryBind(ServiceAddresses.ClusterDns))
            {
                var server = new DnsServer(new UdpServerTransport(endpoint, TimeoutMilliseconds), new TcpServerTransport(endpoint, TimeoutMilliseconds, TimeoutMilliseconds));
                server.QueryReceived += (_, e) => AnswerAsync(e, records, upstream);
                try
                {
                    server.Start();
                    return server;
                }
                catch (SocketException e)
                {
                    server.Stop();
                    if (!warned) logger.LogWarning("Cluster DNS cannot listen on {Endpoint} ({Error}); trying again every {Interval}s", endpoint, e.Message, RetryInterval.TotalSeconds);
                    warned = true;
                }
            }
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    private static async Task AnswerAsync(QueryReceivedEventArgs e, ClusterRecords records, Upstream upstream)
    {
        if (e.Query is not DnsMessage { Questions.Count: 1 } query) return;
        var question = query.Questions[0];
        var response = query.CreateResponseInstance();
        if (records.Resolve(question.Name, question.RecordType) is { } answer)
        {
            response.IsAuthoritiveAnswer = true;
            response.ReturnCode = answer.Code;
            response.AnswerRecords.AddRange(answer.Records);
        }
        else if (await upstream.ResolveAsync(question) is { } forwarded)
        {
            response.ReturnCode = forwarded.ReturnCode;
            response.AnswerRecords.AddRange(forwarded.AnswerRecords);
        }
        else response.ReturnCode = ReturnCode.ServerFailure;
        e.Response = response;
    }
}
