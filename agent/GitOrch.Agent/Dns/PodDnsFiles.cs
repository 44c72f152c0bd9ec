using System.Text;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Dns;

/// <summary>
/// Each pod's /etc/resolv.conf and /etc/hosts, written into its directory and mounted into its
/// containers, as the kubelet does. ClusterFirst (the default) points at cluster DNS with the search
/// path of the pod's namespace; Default keeps the runtime's own; None takes only dnsConfig, which the
/// other policies add to. hostAliases are added to the hosts file.
/// </summary>
public static class PodDnsFiles
{
    public static IReadOnlyList<VolumeBind> Write(Pod pod, string podDirectory, string podIP)
    {
        var directory = Directory.CreateDirectory(Path.Combine(podDirectory, "etc")).FullName;
        var binds = new List<VolumeBind>();
        if (ResolvConf(pod) is { } resolvConf)
        {
            var path = Path.Combine(directory, "resolv.conf");
            File.WriteAllText(path, resolvConf);
            binds.Add(new VolumeBind("resolv.conf", path, "/etc/resolv.conf", ReadOnly: true));
        }
        var hosts = Path.Combine(directory, "hosts");
        File.WriteAllText(hosts, Hosts(pod, podIP));
        binds.Add(new VolumeBind("hosts", hosts, "/etc/hosts", ReadOnly: true));
        return binds;
    }

    /// <summary>The file's text, or null when the runtime's own resolv.conf stays (dnsPolicy Default, or host networking without ClusterFirstWithHostNet).</summary>
    public static string? ResolvConf(Pod pod)
    {
        var policy = pod.Spec.DnsPolicy ?? "ClusterFirst";
        if (policy == "Default" || (pod.Spec.HostNetwork == true && policy == "ClusterFirst")) return null;
        var ns = pod.Namespace ?? WellKnown.DefaultNamespace;
        var nameservers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        if (policy != "None")
        {
            nameservers.Add(ServiceAddresses.ClusterDns);
            searches.AddRange([$"{ns}.svc.{ClusterRecords.Domain}", $"svc.{ClusterRecords.Domain}", ClusterRecords.Domain]);
            options.Add("ndots:5");
        }
        var config = pod.Spec.DnsConfig;
        nameservers.AddRange(config?.Nameservers ?? []);
        searches.AddRange(config?.Searches ?? []);
        foreach (var option in config?.Options ?? [])
        {
            options.RemoveAll(existing => existing.Split(':')[0] == option.Name);
            options.Add(option.Value is null ? option.Name : $"{option.Name}:{option.Value}");
        }
        var text = new StringBuilder();
        foreach (var server in nameservers.Distinct().Take(3)) text.Append("nameserver ").AppendLine(server);
        if (searches.Count > 0) text.Append("search ").AppendLine(string.Join(' ', searches.Distinct()));
        if (options.Count > 0) text.Append("options ").AppendLine(string.Join(' ', options));
        return text.ToString();
    }

    public static string Hosts(Pod pod, string podIP)
    {
        var hostname = pod.Spec.Hostname ?? pod.Name;
        var names = pod.Spec.Subdomain is { } subdomain
            ? $"{hostname}.{subdomain}.{pod.Namespace ?? WellKnown.DefaultNamespace}.svc.{ClusterRecords.Domain} {hostname}"
            : hostname;
        var text = new StringBuilder()
            .AppendLine("127.0.0.1\tlocalhost")
            .AppendLine("::1\tlocalhost ip6-localhost ip6-loopback")
            .Append(podIP).Append('\t').AppendLine(names);
        foreach (var alias in pod.Spec.HostAliases ?? [])
            text.Append(alias.Ip).Append('\t').AppendLine(string.Join(' ', alias.Hostnames ?? []));
        return text.ToString();
    }
}
