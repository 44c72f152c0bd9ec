using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Dashboard.Http;

/// <summary>The script and style sheet, embedded in the assembly and served with a content hash, so no page needs a CDN.</summary>
internal static class Assets
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type, string ETag)> Files = Load();

    public static IResult Serve(string name, HttpContext context)
    {
        if (!Files.TryGetValue(name, out var file)) return Results.NotFound();
        if (context.Request.Headers.IfNoneMatch == file.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(file.Bytes, file.Type);
    }

    /// <summary>Total bytes of the assets every page loads.</summary>
    public static long Weight => Files.Values.Sum(file => (long)file.Bytes.Length);

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            var name = resource["assets/".Length..];
            var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            files[name] = (bytes.ToArray(), type, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))[..16]}\"");
        }
        return files;
    }
}
