namespace Imaging.Phantoms;

/// <summary>The radiopharmaceutical of the simulated scan.</summary>
public enum PhantomTracer
{
    /// <summary>Tc-99m medronate (MDP), 140 keV: the diagnostic bone scan the analysis counts lesions on.</summary>
    Tc99mMedronate,

    /// <summary>Sm-153 lexidronam (EDTMP), imaged at 103 keV after therapy: recorded but not analysed for lesions.</summary>
    Sm153Lexidronam,
}
