namespace Imaging.Storage.DicomWeb;

/// <summary>The PS3.4 C.2.2.2 matching kinds the index supports.</summary>
public enum QidoMatchKind
{
    /// <summary>Equal to the one value (case-insensitive for person names).</summary>
    Single,
    /// <summary>Equal to any of the values: UID list matching, or a multi-valued code such as ModalitiesInStudy=CT\MR.</summary>
    List,
    /// <summary>A pattern where <c>*</c> matches any run of characters and <c>?</c> one character.</summary>
    Wildcard,
    /// <summary>Values[0] &lt;= value &lt;= Values[1] as text (DA, TM); an empty bound is open.</summary>
    Range,
    /// <summary>Person names: every word of the value prefixes one component of the name, case-insensitive.</summary>
    Fuzzy,
}
