using GitOrch.Api.Model;

namespace GitOrch.Store;

/// <summary>Records events about objects, in the object's namespace, for <c>gitorch get events</c>.</summary>
public sealed class EventRecorder(ObjectClient client, string source, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Task RecordAsync(KubeObject involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var recorded = new Event
        {
            ApiVersion = Kinds.Event.ApiVersion,
            Kind = Kinds.Event.Kind,
            Metadata = new ObjectMeta
            {
                Name = $"{involved.Name}.{RandomSuffix.Next()}",
                Namespace = involved.Namespace ?? WellKnown.DefaultNamespace,
            },
            InvolvedObject = new ObjectReference { Kind = involved.Kind, Namespace = involved.Namespace, Name = involved.Name, Uid = involved.Metadata.Uid },
            Type = type,
            Reason = reason,
            Message = message,
            Source = source,
            FirstTimestamp = now,
        };
        return client.CreateAsync(recorded, cancellationToken);
    }
}
