namespace Imaging.Deidentification;

/// <summary>A PS3.15 Table E.1-1 action code after the options in force were applied, before the attribute's VR picks
/// the concrete treatment (see <see cref="DicomDeidentifier"/> and README.md "Actions").</summary>
internal enum TagAction : byte
{
    /// <summary>K: keep (a sequence is still walked, so its nested attributes get their own rows).</summary>
    Keep,
    /// <summary>X: remove.</summary>
    Remove,
    /// <summary>Z: zero length (an empty sequence for SQ).</summary>
    Empty,
    /// <summary>D: a dummy value of the VR (for SQ: the items are kept and de-identified).</summary>
    Dummy,
    /// <summary>U: a UID remapped through <see cref="Pseudonymizer.Uid"/>.</summary>
    Uid,
    /// <summary>C: clean (dates shifted, text scrubbed, sequences walked in clean mode).</summary>
    Clean,
    /// <summary>X/Z: zero length, which keeps a Type 2 attribute valid and leaks nothing (a sequence is removed).</summary>
    RemoveOrEmpty,
    /// <summary>X/D: removed, unless the attribute is Type 1 in the IODs we know (then a dummy).</summary>
    RemoveOrDummy,
    /// <summary>X/Z/D: zero length, unless Type 1 (then a dummy); sequences are removed, reference sequences walked.</summary>
    RemoveEmptyOrDummy,
    /// <summary>X/Z/U*: sequences of references: walked, so every UID inside is remapped.</summary>
    RemoveEmptyOrRemapUids,
    /// <summary>Z/D: zero length, unless Type 1 (then a dummy).</summary>
    EmptyOrDummy,
}
