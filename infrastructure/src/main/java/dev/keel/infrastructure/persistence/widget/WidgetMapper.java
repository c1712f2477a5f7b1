package dev.keel.infrastructure.persistence.widget;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** MyBatis statements for the widget table; the SQL is in WidgetMapper.xml beside this interface. */
@Mapper
public interface WidgetMapper {

    WidgetRow findLive(UUID id);

    WidgetRow findIncludingArchived(UUID id);

    List<WidgetRow> listLive(@Param("status") String status, @Param("after") UUID after, @Param("limit") int limit);

    int insert(WidgetRow row);

    /** The row as stored, or null when no live row has {@code expectedVersion}. */
    WidgetRow update(@Param("row") WidgetRow row, @Param("expectedVersion") long expectedVersion);

    int archive(@Param("id") UUID id, @Param("at") Instant at, @Param("by") String by);

    int restore(@Param("id") UUID id, @Param("by") String by);
}
