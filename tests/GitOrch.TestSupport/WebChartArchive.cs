using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GitOrch.TestSupport;

/// <summary>A small chart named web, packed as helm package packs it: one ConfigMap that says the chart's version and its color value.</summary>
public static class WebChartArchive
{
    public static byte[] Package(string version)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (path, text) in new[]
            {
                ("Chart.yaml", $"apiVersion: v2\nname: web\nversion: {version}\n"),
                ("values.yaml", "color: blue\n"),
                ("templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-web}\ndata: {version: {{ .Chart.Version | quote }}, color: {{ .Values.color }}}\n"),
            })
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"web/{path}") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        return bytes.ToArray();
    }
}
