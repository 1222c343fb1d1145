namespace Imaging.Phantoms.Dicom;

/// <summary>What the DICOM header and the physics need about a tracer. Codes: radionuclides from PS3.16 CID 18,
/// the radiopharmaceutical from CID 25 (Sm-153 lexidronam has no code there, so only its name is written).</summary>
internal sealed record TracerInfo(
    string Name,
    string RadiopharmaceuticalText,
    (string Value, string Scheme, string Meaning) Radionuclide,
    (string Value, string Scheme, string Meaning)? Radiopharmaceutical,
    double PhotopeakKeV,
    double HalfLifeSeconds,
    double DefaultActivityMBq,
    double AttenuationPerCm)
{
    public static TracerInfo For(PhantomTracer tracer) => tracer switch
    {
        PhantomTracer.Tc99mMedronate => new("Tc-99m MDP", "Tc99m MDP",
            ("72454006", "SCT", "^99m^Technetium"), ("96390006", "SCT", "Technetium Tc^99m^ medronate"),
            140, 21624.12, 740, 0.12),
        // Water attenuates 103 keV photons more than 140 keV ones (about 0.16 against 0.15 /cm narrow beam; broad-beam
        // values used here are lower for both because scatter in the window partly compensates).
        PhantomTracer.Sm153Lexidronam => new("Sm-153 EDTMP", "Sm153 EDTMP lexidronam",
            ("419804008", "SCT", "^153^Samarium"), null,
            103, 166622, 2590, 0.135),
        _ => throw new ArgumentOutOfRangeException(nameof(tracer), tracer, null),
    };
}
