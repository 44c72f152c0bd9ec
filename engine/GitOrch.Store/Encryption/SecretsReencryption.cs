namespace GitOrch.Store.Encryption;

/// <summary>
/// Writes every stored value that holds a Secret again, through an <see cref="EncryptingStore"/>, so
/// each is encrypted with the ring's current key: the second half of a key rotation.
/// </summary>
public static class SecretsReencryption
{
    public sealed record Result(int Reencrypted, int ChangedMeanwhile);

    public static async Task<Result> RunAsync(IObjectStore encrypting, CancellationToken cancellationToken)
    {
        var (done, skipped) = (0, 0);
        foreach (var bucket in Buckets.All)
            foreach (var entry in await encrypting.ListAsync(bucket, "", cancellationToken))
            {
                if (!EncryptingStore.HoldsSecret(entry.Value)) continue;
                try
                {
                    await encrypting.UpdateAsync(bucket, entry.Key, entry.Value, entry.Revision, cancellationToken);
                    done++;
                }
                catch (ConflictException)
                {
                    skipped++; // its writer wrote it again meanwhile, with the key that writer holds
                }
            }
        return new Result(done, skipped);
    }
}
