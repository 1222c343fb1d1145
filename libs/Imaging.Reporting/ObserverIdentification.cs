namespace Imaging.Reporting;

/// <summary>The algorithm that made the observations: the device observer of TID 1004 and the algorithm of TID 4019.</summary>
/// <param name="DeviceUid">Device Observer UID: stable for this installation of the algorithm.</param>
public sealed record ObserverIdentification(string AlgorithmName, string AlgorithmVersion, string DeviceUid, string Manufacturer);
