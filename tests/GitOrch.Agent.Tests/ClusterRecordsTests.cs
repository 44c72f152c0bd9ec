using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using GitOrch.Agent.Dns;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Tests;

public sealed class ClusterRecordsTests
{
    private static readonly Service Web = new() { Metadata = new ObjectMeta { Name = "web", Namespace = "shop" }, Spec = new ServiceSpec { ClusterIP = "10.96.3.4", Ports = [new ServicePort { Name = "http", Port = 80 }] } };
    private static readonly Service Db = new() { Metadata = new ObjectMeta { Name = "db", Namespace = "shop" }, Spec = new ServiceSpec { ClusterIP = "None", Ports = [new ServicePort { Name = "sql", Port = 5432 }] } };
    private static readonly Service Upstream = new() { Metadata = new ObjectMeta { Name = "upstream", Namespace = "shop" }, Spec = new ServiceSpec { Type = "ExternalName", ExternalName = "db.example.org" } };

    private static readonly Endpoints DbEndpoints = new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
        Subsets =
        [
            new EndpointSubset
            {
                Addresses = [new EndpointAddress { Ip = "10.244.1.5", Hostname = "db-0" }, new EndpointAddress { Ip = "10.244.2.7", Hostname = "db-1" }],
                NotReadyAddresses = [new EndpointAddress { Ip = "10.244.3.9", Hostname = "db-2" }],
                Ports = [new EndpointPort { Name = "sql", Port = 5432 }],
            },
        ],
    };

    private readonly ClusterRecords _records = new(
        (ns, name) => new[] { Web, Db, Upstream }.FirstOrDefault(s => s.Namespace == ns && s.Name == name),
        (ns, name) => ns == "shop" && name == "db" ? DbEndpoints : null);

    private ClusterRecords.Answer? Resolve(string name, RecordType type = RecordType.A) => _records.Resolve(DomainName.Parse(name), type);

    [Fact]
    public void AServiceName_GivesItsClusterIP()
    {
        var answer = Resolve("web.shop.svc.cluster.local")!;
        Assert.Equal(ReturnCode.NoError, answer.Code);
        Assert.Equal("10.96.3.4", Assert.IsType<ARecord>(Assert.Single(answer.Records)).Address.ToString());
    }

    [Fact]
    public void AHeadlessService_GivesItsReadyPods_AndAHostnameGivesThatPod()
    {
        Assert.Equal(["10.244.1.5", "10.244.2.7"], Resolve("db.shop.svc.cluster.local")!.Records.Cast<ARecord>().Select(r => r.Address.ToString()));
        Assert.Equal("10.244.2.7", Assert.IsType<ARecord>(Assert.Single(Resolve("db-1.db.shop.svc.cluster.local")!.Records)).Address.ToString());
        Assert.Equal(ReturnCode.NxDomain, Resolve("db-2.db.shop.svc.cluster.local")!.Code);
    }

    [Fact]
    public void ANamedPort_GivesSrvRecords()
    {
        var service = Assert.IsType<SrvRecord>(Assert.Single(Resolve("_http._tcp.web.shop.svc.cluster.local", RecordType.Srv)!.Records));
        Assert.Equal((80, "web.shop.svc.cluster.local."), (service.Port, service.Target.ToString()));
        var pods = Resolve("_sql._tcp.db.shop.svc.cluster.local", RecordType.Srv)!.Records.Cast<SrvRecord>().Select(r => r.Target.ToString());
        Assert.Equal(["db-0.db.shop.svc.cluster.local.", "db-1.db.shop.svc.cluster.local."], pods);
    }

    [Fact]
    public void AnExternalName_GivesACname()
    {
        Assert.Equal("db.example.org.", Assert.IsType<CNameRecord>(Assert.Single(Resolve("upstream.shop.svc.cluster.local")!.Records)).CanonicalName.ToString());
    }

    [Fact]
    public void AMissingName_InTheClusterDomain_IsNxDomain_AndOtherNamesAreForwarded()
    {
        Assert.Equal(ReturnCode.NxDomain, Resolve("nothing.shop.svc.cluster.local")!.Code);
        Assert.Equal(ReturnCode.NxDomain, Resolve("web.cluster.local")!.Code);
        Assert.Null(Resolve("example.org"));
        Assert.Empty(Resolve("web.shop.svc.cluster.local", RecordType.Aaaa)!.Records);
    }
}
