using System.CommandLine;
using GitOrch.Cli.Contexts;
using GitOrch.Store;
using GitOrch.Store.Encryption;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch secrets rotate-key</c>: a new secrets key, and every stored Secret encrypted with it.</summary>
public static class SecretsCommand
{
    public static Command Create(TextWriter output)
    {
        var rotate = new Command("rotate-key", "Add a new secrets key to the key file and encrypt every stored Secret with it; the old keys stay in the file for reading");
        rotate.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var location = StoreLocator.Resolve(ContextSelection.StoreLocation(parse));
            var path = StoreLocator.IsNats(location)
                ? SecretsKey.ConfiguredPath ?? throw new ArgumentException($"{SecretsKey.EnvironmentVariable} is not set, so this store keeps no Secret encrypted; set it to the secrets.key from 'gitorch init'")
                : SecretsKey.EmbeddedPath(location);
            var ring = SecretsKey.Rotate(path);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var result = await SecretsReencryption.RunAsync(store, cancellationToken);
            await output.WriteLineAsync($"""
                new secrets key added to {path} ({ring.All.Count} keys; the first encrypts, all decrypt)
                re-encrypted {result.Reencrypted} stored value(s){(result.ChangedMeanwhile > 0 ? $"; {result.ChangedMeanwhile} changed meanwhile and were left to their writers" : "")}
                running parts pick the new key up from the file when they first meet a value written with it
                """);
            return ExitCodes.Success;
        });
        return new Command("secrets", "Manage the key Secrets are encrypted with in the store") { rotate };
    }
}
