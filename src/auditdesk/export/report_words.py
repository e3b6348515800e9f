"""The PDF report's sentences in French and Spanish, keyed by the English text."""

from __future__ import annotations

REPORT_WORDS: dict[str, tuple[str, str]] = {
    # English: (French, Spanish)
    "Labour conditions audit report": (
        "Rapport d'audit des conditions de travail",
        "Informe de auditoría de condiciones laborales",
    ),
    "LABOUR CONDITIONS AUDIT REPORT": (
        "RAPPORT D'AUDIT DES CONDITIONS DE TRAVAIL",
        "INFORME DE AUDITORÍA DE CONDICIONES LABORALES",
    ),
    "TRAINING — fictional data": ("FORMATION — données fictives", "FORMACIÓN — datos ficticios"),
    "Confidential": ("Confidentiel", "Confidencial"),
    "Page {page} of {pages}": ("Page {page} sur {pages}", "Página {page} de {pages}"),
    "Digitally signed by": ("Signé numériquement par", "Firmado digitalmente por"),
    "Date:": ("Date :", "Fecha:"),
    "Audit report sign-off": (
        "Validation du rapport d'audit",
        "Aprobación del informe de auditoría",
    ),
    "Site report: worker results are shown only in aggregate": (
        "Rapport destiné au site : les résultats des travailleurs n'apparaissent qu'agrégés",
        "Informe para el centro: los resultados de los trabajadores solo se muestran agregados",
    ),
    "Confidential: for the commissioning organisation": (
        "Confidentiel : destiné à l'organisation commanditaire",
        "Confidencial: para la organización que encarga la auditoría",
    ),
    "Audit type": ("Type d'audit", "Tipo de auditoría"),
    "Audit dates": ("Dates de l'audit", "Fechas de la auditoría"),
    "Lead auditor": ("Auditeur principal", "Auditor principal"),
    "Audit team": ("Équipe d'audit", "Equipo auditor"),
    "Workforce (headcount)": ("Effectif", "Plantilla (personas)"),
    "Supply-chain position": ("Place dans la chaîne", "Posición en la cadena"),
    "Report date": ("Date du rapport", "Fecha del informe"),
    "Document ID": ("Identifiant du document", "Identificador del documento"),
    "direct employer": ("employeur direct", "empleador directo"),
    "vendor": ("prestataire", "proveedor"),
    "subcontractor": ("sous-traitant", "subcontratista"),
    "platform": ("plateforme", "plataforma"),
    "Fairwork-style rating": ("Note de type Fairwork", "Calificación tipo Fairwork"),
    "capped by a zero-tolerance alert ({points} points before)": (
        "plafonnée par une alerte tolérance zéro ({points} points avant)",
        "limitada por una alerta de tolerancia cero ({points} puntos antes)",
    ),
    "Zero-tolerance alerts": ("Alertes tolérance zéro", "Alertas de tolerancia cero"),
    "The evidence for each alert is set out under Findings.": (
        "Les preuves de chaque alerte figurent dans la partie Constats.",
        "Las pruebas de cada alerta figuran en el apartado Hallazgos.",
    ),
    "Executive summary": ("Synthèse", "Resumen ejecutivo"),
    "This report presents the results of a {type} audit of {site} ({organisation}), "
    "carried out from {start} to {end}.": (
        "Ce rapport présente les résultats d'un audit {type} de {site} ({organisation}), "
        "mené du {start} au {end}.",
        "Este informe presenta los resultados de una auditoría {type} de {site} "
        "({organisation}), realizada del {start} al {end}.",
    ),
    "The auditors compared four sources of evidence: {documents} document review(s), "
    "{management} management interview(s), {workers} individual worker interview(s) and "
    "{groups} group interview(s), and {observations} site observation(s).": (
        "Les auditeurs ont confronté quatre sources de preuves : {documents} revue(s) "
        "documentaire(s), {management} entretien(s) avec la direction, {workers} entretien(s) "
        "individuel(s) et {groups} entretien(s) collectif(s) avec des travailleurs, et "
        "{observations} observation(s) sur site.",
        "Los auditores contrastaron cuatro fuentes de evidencia: {documents} revisión(es) "
        "documental(es), {management} entrevista(s) con la dirección, {workers} entrevista(s) "
        "individual(es) y {groups} entrevista(s) grupal(es) con trabajadores, y "
        "{observations} observación(es) en el centro.",
    ),
    "The site scores {score} out of {maximum} on the Fairwork-style rating "
    "({met} of {maximum} thresholds met).": (
        "Le site obtient {score} sur {maximum} selon la note de type Fairwork "
        "({met} seuils atteints sur {maximum}).",
        "El centro obtiene {score} de {maximum} en la calificación tipo Fairwork "
        "({met} de {maximum} umbrales alcanzados).",
    ),
    "The rating is capped because a zero-tolerance alert stands; without it the site would "
    "score {points}.": (
        "La note est plafonnée car une alerte tolérance zéro est en cours ; sans elle, le site "
        "obtiendrait {points}.",
        "La calificación está limitada porque hay una alerta de tolerancia cero; sin ella el "
        "centro obtendría {points}.",
    ),
    "The audit raised {total} finding(s): {critical} critical, {major} major and {minor} "
    "minor, each with a corrective action and a deadline.": (
        "L'audit a relevé {total} constat(s) : {critical} critique(s), {major} majeur(s) et "
        "{minor} mineur(s), chacun avec une action corrective et une échéance.",
        "La auditoría registró {total} hallazgo(s): {critical} crítico(s), {major} mayor(es) "
        "y {minor} menor(es), cada uno con una acción correctiva y un plazo.",
    ),
    "The strongest area is {best} ({best_score:.0f}/100); the weakest is {worst} "
    "({worst_score:.0f}/100).": (
        "Le domaine le plus solide est « {best} » ({best_score:.0f}/100) ; le plus faible est "
        "« {worst} » ({worst_score:.0f}/100).",
        "El área más sólida es «{best}» ({best_score:.0f}/100); la más débil es «{worst}» "
        "({worst_score:.0f}/100).",
    ),
    "Area scores": ("Scores par domaine", "Puntuaciones por área"),
    "Share of the area's assessed criteria met (partly met counts half), 0–100.": (
        "Part des critères évalués du domaine qui sont respectés (partiellement : moitié), 0–100.",
        "Proporción de criterios evaluados del área que se cumplen (parcialmente: la mitad), "
        "0–100.",
    ),
    "not assessed": ("non évalué", "no evaluado"),
    "Findings": ("Constats", "Hallazgos"),
    "Critical findings": ("Constats critiques", "Hallazgos críticos"),
    "Major findings": ("Constats majeurs", "Hallazgos mayores"),
    "Minor findings": ("Constats mineurs", "Hallazgos menores"),
    "Withdrawn findings": ("Constats retirés", "Hallazgos retirados"),
    "The audit raised no findings.": ("L'audit n'a relevé aucun constat.",
                                      "La auditoría no registró hallazgos."),
    "Area": ("Domaine", "Área"),
    "Result": ("Résultat", "Resultado"),
    "no longer supported by the answers: under review": (
        "plus étayé par les réponses : en cours de revue",
        "ya no respaldado por las respuestas: en revisión",
    ),
    "Evidence": ("Preuves", "Evidencia"),
    "Sources disagree": ("Les sources divergent", "Las fuentes discrepan"),
    "Corrective action": ("Action corrective", "Acción correctiva"),
    "Responsible": ("Responsable", "Responsable"),
    "Due": ("Échéance", "Plazo"),
    "plan by": ("plan avant le", "plan antes del"),
    "verified by": ("vérifié avant le", "verificado antes del"),
    "at the next audit": ("au prochain audit", "en la próxima auditoría"),
    "Corrective action plan": ("Plan d'actions correctives", "Plan de acciones correctivas"),
    "Critical findings need a plan within 7 days and verification within 30; major findings "
    "within 14 and 90 days; minor findings are checked at the next audit.": (
        "Un constat critique exige un plan sous 7 jours et une vérification sous 30 ; un "
        "constat majeur sous 14 et 90 jours ; un constat mineur est revu au prochain audit.",
        "Un hallazgo crítico requiere un plan en 7 días y verificación en 30; uno mayor en 14 y "
        "90 días; uno menor se revisa en la próxima auditoría.",
    ),
    "No corrective action is required.": ("Aucune action corrective n'est requise.",
                                          "No se requiere ninguna acción correctiva."),
    "Code": ("Code", "Código"),
    "Severity": ("Gravité", "Gravedad"),
    "Plan by": ("Plan avant", "Plan antes de"),
    "Verified by": ("Vérifié avant", "Verificado antes de"),
    "Status": ("Statut", "Estado"),
    "Results by area": ("Résultats par domaine", "Resultados por área"),
    "Sources: D documents, M management, W workers, O observation. A result resting on "
    "management's word alone is unverified.": (
        "Sources : D documents, M direction, W travailleurs, O observation. Un résultat qui ne "
        "repose que sur la parole de la direction n'est pas vérifié.",
        "Fuentes: D documentos, M dirección, W trabajadores, O observación. Un resultado que "
        "solo descansa en la palabra de la dirección no está verificado.",
    ),
    "Criterion": ("Critère", "Criterio"),
    "By source": ("Par source", "Por fuente"),
    "unverified": ("non vérifié", "no verificado"),
    "fewer than {threshold}": ("moins de {threshold}", "menos de {threshold}"),
    "Methodology": ("Méthodologie", "Metodología"),
    "Each criterion is judged from every source that speaks to it: documents, management, "
    "workers and the auditors' own observation. Worker testimony, documents and observation "
    "outweigh a management claim; where sources disagree the report says so. Worker "
    "interviews are held in private, by consent, and identified only by a code.": (
        "Chaque critère est jugé à partir de toutes les sources qui le renseignent : documents, "
        "direction, travailleurs et observation directe des auditeurs. Les témoignages des "
        "travailleurs, les documents et l'observation priment sur une affirmation de la "
        "direction ; lorsque les sources divergent, le rapport l'indique. Les entretiens avec "
        "les travailleurs ont lieu en privé, avec leur consentement, et ne sont identifiés que "
        "par un code.",
        "Cada criterio se juzga a partir de todas las fuentes que lo abordan: documentos, "
        "dirección, trabajadores y la observación directa de los auditores. Los testimonios de "
        "los trabajadores, los documentos y la observación prevalecen sobre una afirmación de "
        "la dirección; cuando las fuentes discrepan, el informe lo señala. Las entrevistas con "
        "trabajadores se hacen en privado, con su consentimiento, y solo se identifican con un "
        "código.",
    ),
    "Evidence sources": ("Sources de preuves", "Fuentes de evidencia"),
    "Site profile": ("Profil du site", "Perfil del centro"),
    "Document reviews": ("Revues documentaires", "Revisiones documentales"),
    "Management interviews": ("Entretiens avec la direction", "Entrevistas con la dirección"),
    "Individual worker interviews": ("Entretiens individuels avec des travailleurs",
                                     "Entrevistas individuales a trabajadores"),
    "Group interviews with workers": ("Entretiens collectifs avec des travailleurs",
                                      "Entrevistas grupales con trabajadores"),
    "Site observations": ("Observations sur site", "Observaciones en el centro"),
    "Source": ("Source", "Fuente"),
    "Records": ("Fiches", "Registros"),
    "Interview sample": ("Échantillon d'entretiens", "Muestra de entrevistas"),
    "For a workforce of {headcount}, the method plans {planned} interviews: {individual} "
    "individual and {in_groups} workers in {groups} group(s). Held: {individual_done} "
    "individual interview(s) and {groups_done} group(s) with {in_groups_done} worker(s), "
    "{heard} workers heard in all.": (
        "Pour un effectif de {headcount}, la méthode prévoit {planned} entretiens : "
        "{individual} individuels et {in_groups} travailleurs en {groups} groupe(s). "
        "Réalisés : {individual_done} entretien(s) individuel(s) et {groups_done} groupe(s) "
        "réunissant {in_groups_done} travailleur(s), soit {heard} travailleurs entendus.",
        "Para una plantilla de {headcount}, el método prevé {planned} entrevistas: "
        "{individual} individuales y {in_groups} trabajadores en {groups} grupo(s). "
        "Realizadas: {individual_done} entrevista(s) individual(es) y {groups_done} grupo(s) "
        "con {in_groups_done} trabajador(es), {heard} trabajadores escuchados en total.",
    ),
    "No headcount was recorded, so the sample cannot be compared with the plan.": (
        "Aucun effectif n'a été saisi : l'échantillon ne peut pas être comparé au plan.",
        "No se registró la plantilla, así que la muestra no puede compararse con el plan.",
    ),
    "Composition": ("Composition", "Composición"),
    "Workers heard": ("Travailleurs entendus", "Trabajadores escuchados"),
    "Languages": ("Langues", "Idiomas"),
    "Limitations": ("Limites", "Limitaciones"),
    "{count} criteria could not be assessed from the evidence gathered.": (
        "{count} critères n'ont pas pu être évalués à partir des preuves recueillies.",
        "{count} criterios no pudieron evaluarse con la evidencia reunida.",
    ),
    "{count} results rest on management's word alone and are unverified.": (
        "{count} résultats ne reposent que sur la parole de la direction et ne sont pas "
        "vérifiés.",
        "{count} resultados solo descansan en la palabra de la dirección y no están "
        "verificados.",
    ),
    "An audit sees a site over a few days; practices outside that window, and workers who "
    "were not interviewed, may differ.": (
        "Un audit observe un site pendant quelques jours ; les pratiques hors de cette période "
        "et les travailleurs non interrogés peuvent différer.",
        "Una auditoría observa un centro durante pocos días; las prácticas fuera de ese periodo "
        "y los trabajadores no entrevistados pueden diferir.",
    ),
    "The visit was announced, so conditions may have been prepared.": (
        "La visite était annoncée : les conditions ont pu être préparées.",
        "La visita fue anunciada, por lo que las condiciones pueden haberse preparado.",
    ),
    "This site report shows worker answers only as counts over at least {threshold} "
    "interviews.": (
        "Ce rapport destiné au site ne montre les réponses des travailleurs que sous forme de "
        "décomptes portant sur au moins {threshold} entretiens.",
        "Este informe para el centro solo muestra las respuestas de los trabajadores como "
        "recuentos sobre al menos {threshold} entrevistas.",
    ),
    "Appendix: photographs": ("Annexe : photographies", "Anexo: fotografías"),
    "Sign-off": ("Validation", "Firma"),
    "I confirm that this report is a true account of the evidence gathered during the audit "
    "and of the method applied to it.": (
        "Je certifie que ce rapport rend fidèlement compte des preuves recueillies pendant "
        "l'audit et de la méthode appliquée.",
        "Certifico que este informe refleja fielmente la evidencia reunida durante la auditoría "
        "y el método aplicado.",
    ),
    "Drawn signature": ("Signature manuscrite", "Firma manuscrita"),
    "Digital signature (PAdES)": ("Signature numérique (PAdES)", "Firma digital (PAdES)"),
    "Check the digital signature with 'auditdesk verify' or any PDF reader that validates "
    "signatures. Document ID: {id}.": (
        "Vérifiez la signature numérique avec « auditdesk verify » ou tout lecteur PDF qui "
        "valide les signatures. Identifiant du document : {id}.",
        "Compruebe la firma digital con «auditdesk verify» o cualquier lector de PDF que "
        "valide firmas. Identificador del documento: {id}.",
    ),
}
