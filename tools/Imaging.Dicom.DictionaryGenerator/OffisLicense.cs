namespace Imaging.Dicom.DictionaryGenerator;

/// <summary>DCMTK's licence (its COPYRIGHT file, reproduced in Debian's /usr/share/doc/libdcmtk17/copyright as "OFFISeV").</summary>
/// <remarks>The .dic files only say "See COPYRIGHT file for details"; that file is not installed with them, and the BSD
/// terms require the conditions and disclaimer to travel with derived source, so the text is kept here.</remarks>
internal static class OffisLicense
{
    public static readonly IReadOnlyList<string> Lines =
    [
        "This software and supporting documentation were developed by",
        "",
        "  OFFIS e.V.",
        "  R&D Division Health",
        "  Escherweg 2",
        "  26121 Oldenburg, Germany",
        "",
        "Redistribution and use in source and binary forms, with or without",
        "modification, are permitted provided that the following conditions",
        "are met:",
        "- Redistributions of source code must retain the above copyright",
        "  notice, this list of conditions and the following disclaimer.",
        "- Redistributions in binary form must reproduce the above copyright",
        "  notice, this list of conditions and the following disclaimer in the",
        "  documentation and/or other materials provided with the distribution.",
        "- Neither the name of OFFIS nor the names of its contributors may be",
        "  used to endorse or promote products derived from this software",
        "  without specific prior written permission.",
        "",
        "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS",
        "\"AS IS\" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT",
        "LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR",
        "A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT",
        "HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,",
        "SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT",
        "LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,",
        "DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY",
        "THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT",
        "(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE",
        "OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.",
    ];
}
