using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Runtime;

/// <summary>Makes an image present as imagePullPolicy asks, pulling with the pod's registry credentials and logging progress.</summary>
public sealed class DockerImages(DockerClient docker, ILogger logger)
{
    public async Task EnsureAsync(string image, string? pullPolicy, IReadOnlyList<RegistryCredential> credentials, CancellationToken cancellationToken)
    {
        var policy = pullPolicy ?? (image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':') ? "Always" : "IfNotPresent");
        var present = await ExistsAsync(image, cancellationToken);
        if (policy == "Never" && !present)
            throw new PodStartException($"image {image} is not present and imagePullPolicy is Never", "ErrImageNeverPull");
        if (policy != "Always" && present) return;
        try
        {
            await PullAsync(image, RegistryCredential.For(image, credentials), cancellationToken);
        }
        catch (DockerApiException e) when (present)
        {
            logger.LogWarning("Pull of {Image} failed, using the local copy: {Error}", image, e.Message);
        }
        catch (DockerApiException e)
        {
            throw new PodStartException($"pulling image {image}: {e.ResponseBody?.Trim() ?? e.Message}", "ErrImagePull", e);
        }
    }

    private async Task PullAsync(string image, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        logger.LogInformation("Pulling image {Image}", image);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new Progress<JSONMessage>(message =>
        {
            if (message.Error is not null || clock.Elapsed - lastReport < TimeSpan.FromSeconds(2)) return;
            lastReport = clock.Elapsed;
            logger.LogInformation("Pulling {Image}: {Layer} {Status}", image, message.ID, message.Status);
        });
        var auth = credential is null ? null : new AuthConfig { ServerAddress = credential.Registry, Username = credential.Username, Password = credential.Password };
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image }, auth, progress, cancellationToken);
        logger.LogInformation("Pulled image {Image} in {Seconds:0.0}s", image, clock.Elapsed.TotalSeconds);
    }

    private async Task<bool> ExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
