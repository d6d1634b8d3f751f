"""Hand-written keyword patterns per theme (TAXONOMY wording and the usual report phrasing).

Used by the keyword baseline and, as indicator features, by the model.
"""
from __future__ import annotations

KEYWORDS: dict[str, tuple[str, ...]] = {
    "scope": (r"公开(?:内容|范围)", r"深度(?:和|与)?广度", r"重点领域", r"民生", r"全面", r"应公开尽公开",
              r"不够(?:全面|深入|细化)", r"主动公开(?:内容|信息|力度)", r"财政预决算", r"重大(?:建设)?项目"),
    "timeliness": (r"及时", r"时效", r"滞后", r"更新(?:慢|缓慢|不)", r"迟缓", r"时限", r"延迟", r"同步"),
    "standardization": (r"规范", r"标准化", r"格式", r"目录", r"程序", r"流程", r"统一"),
    "interpretation": (r"解读", r"回应(?:社会)?关切", r"回应", r"舆情", r"热点"),
    "participation": (r"公众参与", r"参与", r"意见征集", r"征求意见", r"政民互动", r"互动", r"开放日", r"听证",
                      r"座谈"),
    "requests": (r"依申请", r"申请人", r"答复", r"复议", r"诉讼", r"法律风险", r"申请件"),
    "platform": (r"网站", r"栏目", r"专栏", r"平台", r"检索", r"搜索", r"集约化", r"专区", r"链接",
                 r"(?:公开|发布|获取)(?:渠道|载体)", r"查阅(?:点|场所|室)", r"查询窗口"),
    "new_media": (r"新媒体", r"微信", r"微博", r"公众号", r"抖音", r"短视频", r"视频号", r"客户端"),
    "staffing": (r"人员", r"队伍", r"培训", r"兼职", r"专职", r"人手", r"力量", r"业务(?:能力|水平|素质)",
                 r"流动", r"学习"),
    "awareness": (r"认识", r"重视", r"意识", r"领导", r"思想", r"站位", r"观念"),
    "mechanism": (r"机制", r"制度", r"考核", r"监督", r"检查", r"督查", r"问责", r"责任", r"评估", r"通报",
                  r"考评", r"巡查|巡检", r"督导|督促", r"整改", r"抽查"),
    "grassroots": (r"基层", r"乡镇", r"街道", r"村务", r"社区", r"村(?:级|居)", r"镇街", r"居务"),
    "info_management": (r"保密审查", r"属性", r"源头认定", r"清理", r"个人信息", r"隐私", r"档案", r"归档",
                        r"审核", r"台账", r"脱敏"),
    "digital": (r"数字", r"智能", r"信息化", r"图解", r"视频", r"可视化", r"无障碍", r"适老",
                r"大数据", r"H5", r"直播", r"一网通办", r"电子政务|网上办事|协同办公"),
}
