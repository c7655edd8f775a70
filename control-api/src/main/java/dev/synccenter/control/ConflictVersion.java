package dev.synccenter.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One of the versions in a conflict ({@code CONFIRM_CONFLICT_ITEM}, C46).
 *
 * @param name its name ({@code pszOriginalName})
 * @param location where it is, for people ({@code pszLocationFull}); may be empty
 * @param modifiedAt when it was last changed; null when not known
 * @param size its size in bytes; -1 when not known
 * @param alternateName the name it gets when several versions are kept ({@code pszAlternateName});
 *     may be empty when the handler picks one
 * @since 1.4.0
 */
public record ConflictVersion(String name, String location, Instant modifiedAt, long size, String alternateName) {

    public ConflictVersion {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        alternateName = alternateName == null ? "" : alternateName;
    }
}
