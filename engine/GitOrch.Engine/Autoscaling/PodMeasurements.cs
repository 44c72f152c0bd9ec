using GitOrch.Api.Model;

namespace GitOrch.Engine.Autoscaling;

/// <summary>What is known about a set of pods right now: usage by pod key, and requests per second by pod key once two traffic samples exist.</summary>
public sealed record PodMeasurements(IReadOnlyDictionary<string, PodUsage> Usage, IReadOnlyDictionary<string, double>? RequestRates);
