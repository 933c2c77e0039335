1<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
     xsi:schemaLocation="http://ogr.maptools.org/ barriers.xsd"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.6 116.8</gml:lowerCorner><gml:upperCorner>32.7 116.9</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                                                                
  <ogr:featureMember>
    <ogr:barriers gml:id="barriers.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.65 116.8</gml:lowerCorner><gml:upperCorner>32.66 116.9</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:LineString srsName="urn:ogc:def:crs:EPSG::4326" gml:id="barriers.geom.0"><gml:posList>32.65 116.8 32.655 116.85 32.66 116.9</gml:posList></gml:LineString></ogr:geometryProperty>
      <ogr:kind>river</ogr:kind>
    </ogr:barriers>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:barriers gml:id="barriers.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.6 116.81</gml:lowerCorner><gml:upperCorner>32.7 116.83</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:MultiCurve srsName="urn:ogc:def:crs:EPSG::4326" gml:id="barriers.geom.1"><gml:curveMember><gml:LineString gml:id="barriers.geom.1.0"><gml:posList>32.6 116.81 32.7 116.81</gml:posList></gml:LineString></gml:curveMember><gml:curveMember><gml:LineString gml:id="barriers.geom.1.1"><gml:posList>32.6 116.82 32.7 116.83</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve></ogr:geometryProperty>
      <ogr:kind>railway</ogr:kind>
    </ogr:barriers>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:barriers gml:id="barriers.2">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.61 116.87</gml:lowerCorner><gml:upperCorner>32.62 116.88</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326" gml:id="barriers.geom.2"><gml:exterior><gml:LinearRing><gml:posList>32.61 116.87 32.61 116.88 32.62 116.88 32.61 116.87</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></ogr:geometryProperty>
      <ogr:kind>lake</ogr:kind>
    </ogr:barriers>
  </ogr:featureMember>
</ogr:FeatureCollection>
