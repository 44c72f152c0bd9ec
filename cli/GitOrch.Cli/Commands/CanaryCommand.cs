using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Cli.Output;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.Engine.Sync;
using GitOrch.Engine.Git;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch canary start deployment/NAME --image IMAGE</c>: the CI entry point. It commits the new
/// image where Git declares it, syncs, and with --wait blocks until the release is promoted (exit 0) or
/// aborted (exit 1), optionally committing a revert after an abort.
/// </summary>
public static class CanaryCommand
{
    public static Command Create(TextWriter output) => new("canary", "Release a new image as a canary from CI") { Start(output) };

    private static Command Start(TextWriter output)
    {
        var source = new SourceOptions();
        var target = new Argument<string>("deployment") { Description = "The Deployment, as deployment/NAME" };
        var ns = CommonOptions.Namespace();
        var image = new Option<string>("--image") { Description = "The new image, such as registry/app:v2", Required = true };
        var container = new Option<string?>("--container", "-c") { Description = "The container to change; default: the first" };
        var wait = new Option<bool>("--wait") { Description = "Block until the release is promoted (exit 0) or aborted (exit 1), then print the verdict and metrics" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "With --wait, give up after this long (exit 1), such as 15m or 1h",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
        };
        var revert = new Option<bool>("--revert-on-abort") { Description = "With --wait, commit a revert of the image change when the release aborts" };
        var command = new Command("start", "Commit a new image for a Deployment where Git declares it, sync, and optionally wait for the verdict")
        {
            target, ns, image, container, wait, timeout, revert,
        };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(revert) && !parse.GetValue(wait))
                throw new ArgumentException("--revert-on-abort needs --wait");
            var name = RolloutCommand.DeploymentName(parse.GetValue(target)!);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var client = new ObjectClient(store);
            var namespaceName = ContextSelection.Namespace(parse, ns);
            var deployment = await client.GetAsync<Deployment>(namespaceName, name, cancellationToken)
                             ?? throw new NotFoundException($"deployment \"{name}\" in namespace {namespaceName}");
            var containerName = parse.GetValue(container) ?? deployment.Spec.Template.Spec.Containers[0].Name;
            var current = deployment.Spec.Template.Spec.Containers.FirstOrDefault(c => c.Name == containerName)?.Image
                          ?? throw new ArgumentException($"--container \"{containerName}\": deployment \"{name}\" has no such container");
            var wanted = parse.GetValue(image)!;
            if (current == wanted)
                throw new ArgumentException($"--image: deployment \"{name}\" already runs {wanted} in container \"{containerName}\"");
            var (repository, gitops) = await source.OpenForCommitAsync(parse, store, cancellationToken);

            var changer = new DeclaredFieldChanger(client, repository);
            var sha = await changer.CommitAsync(await changer.ImageEditAsync(deployment, containerName, current, wanted, cancellationToken),
                $"Canary deployment/{name}: {wanted}\n\nWritten by gitorch canary start.", output);
            await SyncCommand.ApplyAsync(gitops, output, parse.InvocationConfiguration.Error, cancellationToken);
            if (!parse.GetValue(wait))
            {
                await output.WriteLineAsync($"canary started; follow it with: gitorch rollout status deployment/{name}");
                return ExitCodes.Success;
            }

            var started = await client.GetAsync<Deployment>(deployment.Namespace, name, cancellationToken) ?? deployment;
            var code = await new RolloutWaiter(client, output, parse.InvocationConfiguration.Error).WaitAsync(started, pending: null, parse.GetValue(timeout), watch: true, cancellationToken);
            var final = await client.GetAsync<Deployment>(deployment.Namespace, name, cancellationToken);
            var aborted = final is not null && ReleaseProgress.IsAborted(final);
            await output.WriteLineAsync(code == ExitCodes.Success ? $"verdict: promoted {wanted}" : aborted ? $"verdict: aborted {wanted}" : "verdict: none (timed out or failed)");
            if (aborted && parse.GetValue(revert))
            {
                await changer.CommitAsync(await changer.ImageEditAsync(final!, containerName, wanted, current, cancellationToken),
                    $"Revert canary deployment/{name}: back to {current}\n\nThe release of {wanted} was aborted: {final!.Status!.Rollout!.Message}\nReverts {ShortSha.Of(sha)}. Written by gitorch canary start --revert-on-abort.", output);
                await SyncCommand.ApplyAsync(gitops, output, parse.InvocationConfiguration.Error, cancellationToken);
            }
            return code;
        });
        return command;
    }
}
